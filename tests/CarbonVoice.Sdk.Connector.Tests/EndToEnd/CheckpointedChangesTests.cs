using CarbonVoice.Sdk.Connector.Tests.Support;
using Microsoft.Extensions.Options;
using static CarbonVoice.Sdk.Connector.Tests.Support.EmulatorHarness;

namespace CarbonVoice.Sdk.Connector.Tests.EndToEnd;

/// <summary>
/// On a store that can (PostgreSQL), each page of the change feed and the resume token that covers it are committed in one
/// transaction: a delta never saves a cursor apart from the page it covers.
/// </summary>
public sealed class CheckpointedChangesTests
{
    [Fact]
    public async Task Each_page_of_changes_is_written_with_its_cursor_in_one_call_on_a_checkpointed_store()
    {
        await using var h = new EmulatorHarness(sync: s => s.ChangesPageSize = 3);
        var raw = new AtomicRecordingStore(new InMemoryRawDataStore(h.Time), h.State);
        var sync = new CarbonVoiceSyncService(raw, h.State, Options.Create(h.SyncOptions), h.Time);
        var request = new SyncRequest(TenantId, ConnectorId);
        Assert.Equal(SyncRunStatus.Succeeded, (await sync.SyncAsync(h.Client, request)).Status);
        Assert.Empty(raw.Checkpoints);

        h.Time.Advance(TimeSpan.FromMinutes(1));
        var edited = h.Emulator.Data.MessagesIn(h.SyncedConversations()[0].Id).Take(7).Select(m => m.Id).ToList();
        foreach (var id in edited)
        {
            h.Emulator.Control.EditMessage(id, "edited " + id);
        }

        var delta = await sync.SyncAsync(h.Client, request);

        Assert.Equal(SyncRunStatus.Succeeded, delta.Status);
        // Seven edits on pages of three: three pages, each with its records and the cursor after it, never a cursor alone.
        Assert.Equal(3, raw.Checkpoints.Count);
        Assert.All(raw.Checkpoints, c => Assert.Equal("changes:cursor", c.Checkpoint.Scope));
        Assert.All(raw.Checkpoints, c => Assert.NotEmpty(c.Records));
        Assert.Equal(edited.Order(StringComparer.Ordinal), raw.Checkpoints.SelectMany(c => c.Records).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(raw.Checkpoints[^1].Checkpoint.Value, await h.State.GetCheckpointAsync(TenantId, ConnectorId, "changes:cursor"));
    }

    /// <summary>An <see cref="ICheckpointedRawDataStore"/> over the in-memory stores that records what each atomic call carried.</summary>
    private sealed class AtomicRecordingStore(InMemoryRawDataStore inner, ISyncStateStore state) : DelegatingRawDataStore(inner), ICheckpointedRawDataStore
    {
        public List<(CheckpointWrite Checkpoint, List<string> Records)> Checkpoints { get; } = [];

        public async Task<IReadOnlyList<RawUpsertResult>> UpsertAsync(IReadOnlyList<RawRecordUpsert> records, CheckpointWrite checkpoint, CancellationToken cancellationToken = default)
        {
            Checkpoints.Add((checkpoint, [.. records.Select(r => r.Key.ExternalId)]));
            var results = await base.UpsertAsync(records, cancellationToken);
            await state.SetCheckpointAsync(checkpoint.TenantId, checkpoint.ConnectorId, checkpoint.Scope, checkpoint.Value, cancellationToken);
            return results;
        }
    }
}
