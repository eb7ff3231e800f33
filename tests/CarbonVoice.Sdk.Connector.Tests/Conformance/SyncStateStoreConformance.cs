using Microsoft.Extensions.Time.Testing;

namespace CarbonVoice.Sdk.Connector.Tests.Conformance;

/// <summary>The contract every <see cref="ISyncStateStore"/> must meet.</summary>
public abstract class SyncStateStoreConformance : IDisposable
{
    protected const string Tenant = "t1";
    protected const string Connector = "c1";

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 2, 3, 9, 0, 0, TimeSpan.Zero));

    /// <summary>Creates a fresh, empty store.</summary>
    protected abstract ISyncStateStore CreateStore(TimeProvider time);

    /// <summary>Creates a second instance over the same storage as the last <see cref="CreateStore"/> (another process, for file-backed stores).</summary>
    protected abstract ISyncStateStore CreatePeer(TimeProvider time);

    public virtual void Dispose() => GC.SuppressFinalize(this);

    [Fact]
    public async Task Runs_round_trip_with_counts_and_errors()
    {
        var store = CreateStore(Time);
        var hwm = Time.GetUtcNow().AddMinutes(-1);
        var run = await store.StartRunAsync(Tenant, Connector, SyncKind.Delta, hwm);
        Assert.Equal(SyncRunStatus.Running, run.Status);
        Assert.Equal(Time.GetUtcNow(), run.StartedAt);
        Assert.Equal(hwm, run.HighWaterMark);
        Assert.False(string.IsNullOrEmpty(run.Id));

        Time.Advance(TimeSpan.FromSeconds(30));
        var finished = run with
        {
            Status = SyncRunStatus.Succeeded,
            FinishedAt = Time.GetUtcNow(),
            Counts = new Dictionary<string, EntitySyncCounts> { ["message"] = new() { Fetched = 10, New = 7, Changed = 1, Unchanged = 2, Deleted = 1, Failed = 1 } },
            Errors = [new SyncError(Time.GetUtcNow(), "messages", "message", "m1", "bad payload ✗")],
            ErrorCount = 1,
            StatusMessage = "done",
        };
        await store.SaveRunAsync(finished);
        var read = await store.GetRunAsync(run.Id);
        Assert.NotNull(read);
        Assert.Equal(SyncRunStatus.Succeeded, read.Status);
        Assert.Equal(SyncKind.Delta, read.Kind);
        Assert.Equal(finished.FinishedAt, read.FinishedAt);
        Assert.Equal(finished.Counts["message"], read.Counts["message"]);
        Assert.Equal(finished.Errors, read.Errors);
        Assert.Equal(1, read.ErrorCount);
        Assert.Equal("done", read.StatusMessage);
        Assert.Null(await store.GetRunAsync("nope"));
    }

    [Fact]
    public async Task Runs_list_newest_first_per_connector()
    {
        var store = CreateStore(Time);
        var a = await store.StartRunAsync(Tenant, Connector, SyncKind.Full);
        Time.Advance(TimeSpan.FromSeconds(1));
        var b = await store.StartRunAsync(Tenant, Connector, SyncKind.Delta);
        await store.StartRunAsync(Tenant, "other", SyncKind.Full);
        var runs = await store.ListRunsAsync(Tenant, Connector);
        Assert.Equal([b.Id, a.Id], runs.Select(r => r.Id));
        Assert.Single(await store.ListRunsAsync(Tenant, Connector, limit: 1));
    }

    [Fact]
    public async Task Checkpoints_set_get_list_and_remove()
    {
        var store = CreateStore(Time);
        Assert.Null(await store.GetCheckpointAsync(Tenant, Connector, "messages:c1"));
        await store.SetCheckpointAsync(Tenant, Connector, "messages:c1", "10");
        await store.SetCheckpointAsync(Tenant, Connector, "messages:c1", "20");
        await store.SetCheckpointAsync(Tenant, Connector, "messages:c2", "5");
        await store.SetCheckpointAsync(Tenant, Connector, "delta:hwm", "x");
        await store.SetCheckpointAsync(Tenant, "other", "messages:c1", "99");
        Assert.Equal("20", await store.GetCheckpointAsync(Tenant, Connector, "messages:c1"));
        var list = await store.ListCheckpointsAsync(Tenant, Connector, "messages:");
        Assert.Equal(2, list.Count);
        Assert.Equal("5", list["messages:c2"]);
        await store.SetCheckpointAsync(Tenant, Connector, "messages:c1", null);
        Assert.Null(await store.GetCheckpointAsync(Tenant, Connector, "messages:c1"));
        Assert.Equal(2, (await store.ListCheckpointsAsync(Tenant, Connector, "")).Count);
    }

    [Fact]
    public async Task Ingestion_watermark_defaults_to_zero_and_persists()
    {
        var store = CreateStore(Time);
        Assert.Equal(0, await store.GetIngestionWatermarkAsync(Tenant, Connector));
        await store.SetIngestionWatermarkAsync(Tenant, Connector, 42);
        Assert.Equal(42, await store.GetIngestionWatermarkAsync(Tenant, Connector));
        Assert.Equal(0, await store.GetIngestionWatermarkAsync(Tenant, "other"));
    }

    [Fact]
    public async Task Purge_deletes_that_connectors_checkpoints_and_watermark_and_keeps_its_runs_and_lease()
    {
        var store = CreateStore(Time);
        var run = await store.StartRunAsync(Tenant, Connector, SyncKind.Full);
        (string Tenant, string Connector)[] others = [(Tenant, "c2"), ("t2", Connector)];
        foreach (var (tenant, connector) in others.Prepend((Tenant, Connector)))
        {
            await store.SetCheckpointAsync(tenant, connector, "sync:hwm", "2026-02-03T09:00:00Z");
            await store.SetCheckpointAsync(tenant, connector, "messages:conv1", "10");
            await store.SetIngestionWatermarkAsync(tenant, connector, 42);
        }

        Assert.NotNull(await store.TryAcquireLeaseAsync(Tenant, Connector, "A", TimeSpan.FromMinutes(1)));

        Assert.Equal(2, await store.PurgeAsync(Tenant, Connector));
        Assert.Equal(0, await store.PurgeAsync(Tenant, Connector));

        Assert.Empty(await store.ListCheckpointsAsync(Tenant, Connector, ""));
        Assert.Null(await store.GetCheckpointAsync(Tenant, Connector, "sync:hwm"));
        Assert.Equal(0, await store.GetIngestionWatermarkAsync(Tenant, Connector));
        foreach (var (tenant, connector) in others)
        {
            Assert.Equal(2, (await store.ListCheckpointsAsync(tenant, connector, "")).Count);
            Assert.Equal(42, await store.GetIngestionWatermarkAsync(tenant, connector));
        }

        Assert.Equal(run.Id, Assert.Single(await store.ListRunsAsync(Tenant, Connector)).Id);
        Assert.Null(await store.TryAcquireLeaseAsync(Tenant, Connector, "B", TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public async Task Lease_is_exclusive_until_released_or_expired()
    {
        var store = CreateStore(Time);
        var peer = CreatePeer(Time);
        var mine = await store.TryAcquireLeaseAsync(Tenant, Connector, "A", TimeSpan.FromMinutes(1));
        Assert.NotNull(mine);
        Assert.Equal(Time.GetUtcNow().AddMinutes(1), mine.ExpiresAt);
        Assert.Null(await peer.TryAcquireLeaseAsync(Tenant, Connector, "B", TimeSpan.FromMinutes(1)));
        Assert.NotNull(await peer.TryAcquireLeaseAsync(Tenant, "other", "B", TimeSpan.FromMinutes(1)));
        Assert.NotNull(await store.TryAcquireLeaseAsync(Tenant, Connector, "A", TimeSpan.FromMinutes(1)));

        Time.Advance(TimeSpan.FromSeconds(50));
        var renewed = await store.RenewLeaseAsync(mine, TimeSpan.FromMinutes(1));
        Assert.NotNull(renewed);
        Time.Advance(TimeSpan.FromSeconds(50));
        Assert.Null(await peer.TryAcquireLeaseAsync(Tenant, Connector, "B", TimeSpan.FromMinutes(1)));

        await store.ReleaseLeaseAsync(renewed);
        var theirs = await peer.TryAcquireLeaseAsync(Tenant, Connector, "B", TimeSpan.FromMinutes(1));
        Assert.NotNull(theirs);
        Assert.Null(await store.RenewLeaseAsync(mine, TimeSpan.FromMinutes(1)));
        await store.ReleaseLeaseAsync(mine);
        Assert.Null(await store.TryAcquireLeaseAsync(Tenant, Connector, "A", TimeSpan.FromMinutes(1)));

        Time.Advance(TimeSpan.FromMinutes(2));
        Assert.NotNull(await store.TryAcquireLeaseAsync(Tenant, Connector, "A", TimeSpan.FromMinutes(1)));
        Assert.Null(await peer.RenewLeaseAsync(theirs, TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public async Task Concurrent_acquirers_get_exactly_one_lease()
    {
        CreateStore(Time);
        var stores = Enumerable.Range(0, 6).Select(_ => CreatePeer(Time)).ToList();
        var results = await Task.WhenAll(stores.Select((s, i) => Task.Run(() => s.TryAcquireLeaseAsync(Tenant, Connector, $"holder-{i}", TimeSpan.FromMinutes(1)))));
        Assert.Single(results, r => r is not null);
    }
}
