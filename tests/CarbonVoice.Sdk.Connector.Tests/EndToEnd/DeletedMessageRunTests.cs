using CarbonVoice.Sdk.Connector.Tests.Support;
using static CarbonVoice.Sdk.Connector.Tests.Support.EmulatorHarness;

namespace CarbonVoice.Sdk.Connector.Tests.EndToEnd;

/// <summary>
/// Sequence windows leave deleted messages out; a run of deleted messages a window long or more must not end the
/// conversation's listing early (the messages after it would never be synced).
/// </summary>
public sealed class DeletedMessageRunTests
{
    [Theory]
    [InlineData(StoreKind.InMemory)]
    [InlineData(StoreKind.Sqlite)]
    public async Task A_full_sync_reads_through_a_run_of_deleted_messages_longer_than_two_windows(StoreKind kind)
    {
        await using var h = new EmulatorHarness(kind);
        Assert.Equal(5, h.SyncOptions.MessagePageSize);
        var workspace = h.Emulator.Data.WorkspacesOf(h.UserId)[0].Id;
        var conversation = h.Emulator.Control.CreateConversation(workspace, "Gap", generatedMessages: 30);
        var all = h.Emulator.Data.MessagesIn(conversation).OrderBy(m => m.Sequence).ToList();
        Assert.Equal(30, all.Count);

        // Sequences 8–22: fifteen consecutive messages, covering windows 11–15 and 16–20 entirely.
        var gap = all.Where(m => m.Sequence >= all[0].Sequence + 7 && m.Sequence <= all[0].Sequence + 21).ToList();
        Assert.Equal(15, gap.Count);
        foreach (var message in gap)
        {
            h.Emulator.Control.DeleteMessage(message.Id);
        }

        var run = await h.SyncAsync(SyncMode.Full);
        Assert.Equal(SyncRunStatus.Succeeded, run.Status);
        Assert.Equal(0, run.ErrorCount);

        var live = h.Emulator.Data.MessagesIn(conversation);
        Assert.Equal(15, live.Count);
        var after = live.Where(m => m.Sequence > gap[^1].Sequence).ToList();
        Assert.Equal(8, after.Count);
        foreach (var message in live)
        {
            var stored = await h.Raw.GetAsync(Key(CarbonVoiceEntities.Message, message.Id));
            Assert.NotNull(stored);
            Assert.False(stored.IsDeleted);
            Assert.Equal(conversation, stored.ParentId);
        }

        // A later message (after the probe's end) is still picked up by the next run.
        var posted = h.Emulator.Control.PostMessage(conversation, h.UserId, "After the gap.");
        h.Time.Advance(TimeSpan.FromMinutes(1));
        var again = await h.SyncAsync();
        Assert.Equal(SyncRunStatus.Succeeded, again.Status);
        Assert.NotNull(await h.Raw.GetAsync(Key(CarbonVoiceEntities.Message, posted)));
    }

    [Fact]
    public async Task A_delta_sync_reads_through_a_run_of_deleted_messages_after_the_checkpoint()
    {
        await using var h = new EmulatorHarness();
        var workspace = h.Emulator.Data.WorkspacesOf(h.UserId)[0].Id;
        var conversation = h.Emulator.Control.CreateConversation(workspace, "Gap later", generatedMessages: 10);
        Assert.Equal(SyncRunStatus.Succeeded, (await h.SyncAsync()).Status);

        h.Time.Advance(TimeSpan.FromMinutes(1));
        var posted = Enumerable.Range(0, 20).Select(i => h.Emulator.Control.PostMessage(conversation, h.UserId, $"Later message {i}.")).ToList();
        foreach (var id in posted.Take(15))
        {
            h.Emulator.Control.DeleteMessage(id);
        }

        h.Time.Advance(TimeSpan.FromMinutes(1));
        var run = await h.SyncAsync();
        Assert.Equal(SyncKind.Delta, run.Kind);
        Assert.Equal(SyncRunStatus.Succeeded, run.Status);
        foreach (var message in h.Emulator.Data.MessagesIn(conversation))
        {
            var stored = await h.Raw.GetAsync(Key(CarbonVoiceEntities.Message, message.Id));
            Assert.NotNull(stored);
            Assert.False(stored.IsDeleted);
        }
    }

    private static RawRecordKey Key(string entity, string id) => new(TenantId, ConnectorId, entity, id);
}
