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

    [Fact]
    public async Task A_run_records_the_holder_of_its_lease_and_the_lease_can_be_read()
    {
        var store = CreateStore(Time);
        var peer = CreatePeer(Time);
        Assert.Null(await store.GetLeaseAsync(Tenant, Connector));
        var lease = await store.TryAcquireLeaseAsync(Tenant, Connector, "host-a:12:x", TimeSpan.FromSeconds(30));
        var run = await store.StartRunAsync(Tenant, Connector, SyncKind.Full, null, lease!.Holder);
        Assert.Equal("host-a:12:x", run.LeaseHolder);
        Assert.Equal("host-a:12:x", (await peer.GetRunAsync(run.Id))!.LeaseHolder);
        Assert.Equal(lease, await peer.GetLeaseAsync(Tenant, Connector));
        Assert.Null(await peer.GetLeaseAsync(Tenant, SyncLease.KeyOf(Connector, SyncKind.Ingestion)));
        await store.SaveRunAsync(run with { Status = SyncRunStatus.Succeeded });
        Assert.Equal("host-a:12:x", (await peer.GetRunAsync(run.Id))!.LeaseHolder);
        await store.ReleaseLeaseAsync(lease);
        Assert.Null(await peer.GetLeaseAsync(Tenant, Connector));
    }

    [Fact]
    public async Task A_running_run_is_interrupted_only_once_its_lease_is_no_longer_live()
    {
        var store = CreateStore(Time);
        var peer = CreatePeer(Time);
        var lease = await store.TryAcquireLeaseAsync(Tenant, Connector, "A", TimeSpan.FromSeconds(30));
        var run = await store.StartRunAsync(Tenant, Connector, SyncKind.Full, null, lease!.Holder);

        // Live: renewed in time, the run is never marked.
        Time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(SyncRunStatus.Running, (await peer.TryInterruptRunAsync(run.Id, "dead"))!.Status);
        lease = await store.RenewLeaseAsync(lease, TimeSpan.FromSeconds(30));
        Time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(SyncRunStatus.Running, (await peer.TryInterruptRunAsync(run.Id, "dead"))!.Status);
        Assert.Equal(SyncRunStatus.Running, (await store.GetRunAsync(run.Id))!.Status);

        // Expired: interrupted, finished now, with the message.
        Time.Advance(TimeSpan.FromSeconds(2));
        var interrupted = await peer.TryInterruptRunAsync(run.Id, "Its lease expired.");
        Assert.Equal(SyncRunStatus.Interrupted, interrupted!.Status);
        Assert.Equal(Time.GetUtcNow(), interrupted.FinishedAt);
        Assert.Equal("Its lease expired.", interrupted.StatusMessage);
        var read = await store.GetRunAsync(run.Id);
        Assert.Equal(SyncRunStatus.Interrupted, read!.Status);
        Assert.Equal("Its lease expired.", read.StatusMessage);

        // The paused holder cannot renew its expired lease any more (it would carry on as if alive); anyone may take the lease.
        Assert.Null(await store.RenewLeaseAsync(lease!, TimeSpan.FromSeconds(30)));
        Assert.Null(await store.GetLeaseAsync(Tenant, Connector));
        Assert.NotNull(await peer.TryAcquireLeaseAsync(Tenant, Connector, "B", TimeSpan.FromSeconds(30)));

        // Idempotent: a second mark changes nothing; an unknown run is null.
        Time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(read.FinishedAt, (await store.TryInterruptRunAsync(run.Id, "again"))!.FinishedAt);
        Assert.Null(await store.TryInterruptRunAsync("nope", "dead"));
    }

    [Fact]
    public async Task A_finished_run_or_a_live_one_is_never_interrupted_and_a_run_whose_lease_was_taken_over_is()
    {
        var store = CreateStore(Time);
        var first = await store.TryAcquireLeaseAsync(Tenant, Connector, "A", TimeSpan.FromSeconds(30));
        var finished = await store.StartRunAsync(Tenant, Connector, SyncKind.Delta, null, first!.Holder);
        await store.SaveRunAsync(finished with { Status = SyncRunStatus.Succeeded, FinishedAt = Time.GetUtcNow() });
        var dead = await store.StartRunAsync(Tenant, Connector, SyncKind.Delta, null, first.Holder);
        Time.Advance(TimeSpan.FromMinutes(1));
        var second = await store.TryAcquireLeaseAsync(Tenant, Connector, "B", TimeSpan.FromSeconds(30));
        var live = await store.StartRunAsync(Tenant, Connector, SyncKind.Delta, null, second!.Holder);

        Assert.Equal(SyncRunStatus.Succeeded, (await store.TryInterruptRunAsync(finished.Id, "dead"))!.Status);
        Assert.Equal(SyncRunStatus.Running, (await store.TryInterruptRunAsync(live.Id, "dead"))!.Status);
        Assert.Equal(SyncRunStatus.Interrupted, (await store.TryInterruptRunAsync(dead.Id, "dead"))!.Status);

        // The live holder's lease is untouched.
        Assert.NotNull(await store.RenewLeaseAsync(second, TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task An_ingestion_run_lives_by_the_ingestion_lease_and_a_run_without_holder_by_any_live_lease_of_its_key()
    {
        var store = CreateStore(Time);
        var syncLease = await store.TryAcquireLeaseAsync(Tenant, Connector, "S", TimeSpan.FromSeconds(30));
        var ingestionKey = SyncLease.KeyOf(Connector, SyncKind.Ingestion);
        Assert.Equal(Connector + "#ingestion", ingestionKey);
        var ingestionLease = await store.TryAcquireLeaseAsync(Tenant, ingestionKey, "I", TimeSpan.FromSeconds(30));
        var ingestion = await store.StartRunAsync(Tenant, Connector, SyncKind.Ingestion, null, ingestionLease!.Holder);
        var legacy = await store.StartRunAsync(Tenant, Connector, SyncKind.Full);
        Assert.Null(legacy.LeaseHolder);

        Assert.Equal(SyncRunStatus.Running, (await store.TryInterruptRunAsync(ingestion.Id, "dead"))!.Status);
        Assert.Equal(SyncRunStatus.Running, (await store.TryInterruptRunAsync(legacy.Id, "dead"))!.Status);
        await store.ReleaseLeaseAsync(ingestionLease);
        Assert.Equal(SyncRunStatus.Interrupted, (await store.TryInterruptRunAsync(ingestion.Id, "dead"))!.Status);
        Assert.Equal(SyncRunStatus.Running, (await store.TryInterruptRunAsync(legacy.Id, "dead"))!.Status);

        Time.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(SyncRunStatus.Interrupted, (await store.TryInterruptRunAsync(legacy.Id, "dead"))!.Status);
        Assert.Null(await store.RenewLeaseAsync(ingestionLease, TimeSpan.FromSeconds(30)));
        Assert.NotNull(await store.RenewLeaseAsync(syncLease!, TimeSpan.FromSeconds(30)));
    }
}
