using CarbonVoice.Sdk.Connector.Sqlite;
using CarbonVoice.Sdk.Connector.Tests.Support;
using Microsoft.Extensions.Options;
using static CarbonVoice.Sdk.Connector.Tests.Support.EmulatorHarness;

namespace CarbonVoice.Sdk.Connector.Tests.Sqlite;

/// <summary>A SQLite store written by the v0.1 connector (which synced on sequence windows and the notified feed) migrates.</summary>
public sealed class LegacyStoreMigrationTests
{
    private static readonly string Fixture = Path.Combine(AppContext.BaseDirectory, "Assets", "store-v0.1-sequence-checkpoints.db");

    [Fact]
    public async Task Its_sequence_checkpoints_are_dropped_and_the_next_run_is_a_full_sync_that_leaves_the_store_as_a_fresh_one()
    {
        await using var h = new EmulatorHarness();
        using var file = new TempSqliteFile();
        File.Copy(Fixture, file.Path);
        using var raw = new SqliteRawDataStore(file.ConnectionString, h.Time);
        using var state = new SqliteSyncStateStore(file.ConnectionString, h.Time);
        var before = await state.ListCheckpointsAsync(TenantId, ConnectorId, string.Empty);
        Assert.Contains(before.Keys, scope => scope.StartsWith("messages:", StringComparison.Ordinal));
        Assert.Contains("sync:hwm", before.Keys);
        Assert.Contains((await raw.ReadChangedSinceAsync(TenantId, ConnectorId, 0, 1000)).Items, r => r.Payload.Contains("\"sequence\"", StringComparison.Ordinal));

        var run = await new CarbonVoiceSyncService(raw, state, Options.Create(h.SyncOptions), h.Time).SyncAsync(h.Client, new SyncRequest(TenantId, ConnectorId));

        Assert.True(run.Status == SyncRunStatus.Succeeded, run.StatusMessage + string.Join("; ", run.Errors));
        Assert.Equal(SyncKind.Full, run.Kind);
        var after = await state.ListCheckpointsAsync(TenantId, ConnectorId, string.Empty);
        Assert.DoesNotContain(after.Keys, scope => scope.StartsWith("messages:", StringComparison.Ordinal) || scope.StartsWith("pending:", StringComparison.Ordinal) || scope.StartsWith("full-swept:", StringComparison.Ordinal));
        Assert.Equal("2", after["sync:format"]);
        Assert.Contains(after.Keys, scope => scope.StartsWith("listed:", StringComparison.Ordinal));

        // The live data is what a full sync into an empty store gives; nothing of the old shape is left live.
        using var freshFile = new TempSqliteFile();
        using var fresh = new SqliteRawDataStore(freshFile.ConnectionString, h.Time);
        using var freshState = new SqliteSyncStateStore(freshFile.ConnectionString, h.Time);
        var clean = await new CarbonVoiceSyncService(fresh, freshState, Options.Create(h.SyncOptions), h.Time).SyncAsync(h.Client, new SyncRequest(TenantId, ConnectorId));
        Assert.Equal(SyncRunStatus.Succeeded, clean.Status);
        Assert.Equal(await LiveFingerprint(fresh), await LiveFingerprint(raw));

        // And the run after it is a delta on the change feed.
        h.Time.Advance(TimeSpan.FromMinutes(1));
        var delta = await new CarbonVoiceSyncService(raw, state, Options.Create(h.SyncOptions), h.Time).SyncAsync(h.Client, new SyncRequest(TenantId, ConnectorId));
        Assert.Equal(SyncKind.Delta, delta.Kind);
        Assert.Equal(SyncRunStatus.Succeeded, delta.Status);
    }
}
