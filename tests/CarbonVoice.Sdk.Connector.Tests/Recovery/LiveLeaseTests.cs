using Microsoft.Extensions.Time.Testing;

namespace CarbonVoice.Sdk.Connector.Tests.Recovery;

/// <summary>What <see cref="SyncRunRecovery.FindLiveLeaseAsync"/> says of a lease while its run starts, runs, and has ended.</summary>
public sealed class LiveLeaseTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_lease_is_starting_then_running_then_ending_then_gone()
    {
        var state = new InMemorySyncStateStore(_time);
        var recovery = new SyncRunRecovery(state, new InMemoryRawDataStore(), _time);
        Assert.Null(await recovery.FindLiveLeaseAsync("t", "c", SyncKind.Full));

        var key = SyncLease.KeyOf("c", SyncKind.Full);
        var lease = await state.TryAcquireLeaseAsync("t", key, "holder-1", TimeSpan.FromMinutes(1));
        Assert.NotNull(lease);
        var starting = await recovery.FindLiveLeaseAsync("t", "c", SyncKind.Full);
        Assert.Equal((null, false), (starting!.Run, starting.Ending));

        var run = await state.StartRunAsync("t", "c", SyncKind.Full, null, "holder-1");
        var running = await recovery.FindLiveLeaseAsync("t", "c", SyncKind.Full);
        Assert.Equal((run.Id, false), (running!.Run?.Id, running.Ending));

        // The ingestion lease is another one: the sync's run does not make it live.
        Assert.Null(await recovery.FindLiveLeaseAsync("t", "c", SyncKind.Ingestion));

        await state.SaveRunAsync(run with { Status = SyncRunStatus.Succeeded, FinishedAt = _time.GetUtcNow() });
        var ending = await recovery.FindLiveLeaseAsync("t", "c", SyncKind.Full);
        Assert.Equal((null, true), (ending!.Run, ending.Ending));

        await state.ReleaseLeaseAsync(lease!);
        Assert.Null(await recovery.FindLiveLeaseAsync("t", "c", SyncKind.Full));
    }

    [Fact]
    public async Task A_run_of_an_earlier_holder_that_ended_does_not_make_a_new_lease_ending()
    {
        var state = new InMemorySyncStateStore(_time);
        var recovery = new SyncRunRecovery(state, new InMemoryRawDataStore(), _time);
        var key = SyncLease.KeyOf("c", SyncKind.Full);
        var first = await state.TryAcquireLeaseAsync("t", key, "holder-1", TimeSpan.FromMinutes(1));
        var run = await state.StartRunAsync("t", "c", SyncKind.Full, null, "holder-1");
        await state.SaveRunAsync(run with { Status = SyncRunStatus.Succeeded, FinishedAt = _time.GetUtcNow() });
        await state.ReleaseLeaseAsync(first!);

        Assert.NotNull(await state.TryAcquireLeaseAsync("t", key, "holder-2", TimeSpan.FromMinutes(1)));
        var live = await recovery.FindLiveLeaseAsync("t", "c", SyncKind.Full);
        Assert.Equal((null, false), (live!.Run, live.Ending));
    }
}
