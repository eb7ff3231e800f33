using CarbonVoice.Sdk.Connector.Tests.Support;
using Microsoft.Extensions.Options;
using static CarbonVoice.Sdk.Connector.Tests.Support.EmulatorHarness;

namespace CarbonVoice.Sdk.Connector.Tests.EndToEnd;

/// <summary>Runs left "running" by a killed process: short leases, interrupted runs, live runs never marked.</summary>
public sealed class InterruptedRunTests
{
    [Fact]
    public void Leases_are_short_by_default()
    {
        Assert.Equal(TimeSpan.FromSeconds(30), new SyncOptions().LeaseDuration);
        Assert.Equal(TimeSpan.FromSeconds(30), new IngestionOptions().LeaseDuration);
    }

    [Fact]
    public async Task A_dead_sync_refuses_the_next_one_only_while_its_lease_lasts_then_the_next_one_marks_it_interrupted()
    {
        await using var h = new EmulatorHarness();
        var (dead, lease) = await DeadProcess.LeaveRunningAsync(h.State, SyncKind.Full, h.SyncOptions.LeaseDuration);
        var recovery = new SyncRunRecovery(h.State, h.Raw, h.Time);

        var busy = await Assert.ThrowsAsync<ConnectorBusyException>(() => h.SyncAsync());
        Assert.Equal(lease, busy.Lease);
        var live = await recovery.FindLiveLeaseAsync(TenantId, ConnectorId, SyncKind.Delta);
        Assert.Equal(dead.Id, live!.Run!.Id);
        Assert.Null(await recovery.FindLiveLeaseAsync(TenantId, ConnectorId, SyncKind.Ingestion));

        h.Time.Advance(h.SyncOptions.LeaseDuration - TimeSpan.FromMilliseconds(1));
        await Assert.ThrowsAsync<ConnectorBusyException>(() => h.SyncAsync());
        Assert.Equal(SyncRunStatus.Running, (await h.State.GetRunAsync(dead.Id))!.Status);

        h.Time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Null(await recovery.FindLiveLeaseAsync(TenantId, ConnectorId, SyncKind.Full));
        var next = await h.SyncAsync();
        Assert.Equal(SyncRunStatus.Succeeded, next.Status);
        Assert.NotNull(next.LeaseHolder);
        Assert.NotEqual(DeadProcess.Holder, next.LeaseHolder);
        var old = await h.State.GetRunAsync(dead.Id);
        Assert.Equal(SyncRunStatus.Interrupted, old!.Status);
        Assert.Equal(next.StartedAt, old.FinishedAt);
        Assert.Contains("resumes", old.StatusMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dead_ingestion_is_marked_interrupted_by_the_next_ingestion_and_a_sync_lease_does_not_keep_it_alive()
    {
        await using var h = new EmulatorHarness();
        Assert.Equal(SyncRunStatus.Succeeded, (await h.SyncAsync()).Status);
        var (dead, _) = await DeadProcess.LeaveRunningAsync(h.State, SyncKind.Ingestion, TimeSpan.FromSeconds(30));
        await Assert.ThrowsAsync<ConnectorBusyException>(h.IngestAsync);

        h.Time.Advance(TimeSpan.FromSeconds(30));
        var next = await h.IngestAsync();
        Assert.Equal(SyncRunStatus.Succeeded, next.Status);
        Assert.Equal(SyncRunStatus.Interrupted, (await h.State.GetRunAsync(dead.Id))!.Status);
        Assert.True(await h.Chunks.CountAsync(new ChunkQuery(TenantId, ConnectorId)) > 0);
    }

    [Fact]
    public async Task Reading_a_status_marks_a_dead_run_interrupted_but_never_a_live_one_however_long_it_runs()
    {
        await using var h = new EmulatorHarness();
        var recovery = new SyncRunRecovery(h.State, h.Raw, h.Time);

        // A live sync, held inside its first history request for two simulated minutes (four times its lease).
        using var gate = new GateHandler("/v6/messages") { InnerHandler = h.Emulator.CreateHandler() };
        using var client = new CarbonVoiceClient(
            new CarbonVoiceOptions { BaseAddress = h.Emulator.BaseAddress, ClientId = "emulator-client", ClientSecret = "emulator-secret", RetryBaseDelay = TimeSpan.Zero },
            new StaticAccessTokenProvider(h.Emulator.IssueTokens(h.UserId).AccessToken),
            gate);
        var progress = new RecordingProgress();
        var sync = h.Sync.SyncAsync(client, new SyncRequest(TenantId, ConnectorId), progress);
        await gate.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var runId = progress.Events[0].RunId;
        for (var step = 0; step < 24; step++)
        {
            h.Time.Advance(TimeSpan.FromSeconds(5)); // the lease keeper renews every 10 s on this clock
            Assert.Equal(SyncRunStatus.Running, (await recovery.GetRunAsync(runId))!.Status);
            Assert.Equal(runId, (await recovery.FindLiveLeaseAsync(TenantId, ConnectorId, SyncKind.Full))?.Run?.Id);
        }

        gate.Open.TrySetResult();
        Assert.Equal(SyncRunStatus.Succeeded, (await sync.WaitAsync(TimeSpan.FromSeconds(60))).Status);
        Assert.Equal(SyncRunStatus.Succeeded, (await recovery.GetRunAsync(runId))!.Status);

        // A dead one: running until its lease lapses, then interrupted by the read itself.
        var (dead, _) = await DeadProcess.LeaveRunningAsync(h.State, SyncKind.Delta, TimeSpan.FromSeconds(30));
        Assert.Equal(SyncRunStatus.Running, (await recovery.GetRunAsync(dead.Id))!.Status);
        h.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(SyncRunStatus.Interrupted, (await recovery.GetRunAsync(dead.Id))!.Status);
        Assert.Equal(SyncRunStatus.Interrupted, (await h.State.GetRunAsync(dead.Id))!.Status);
        Assert.Null(await recovery.GetRunAsync("unknown"));
    }

    [Fact]
    public async Task The_resume_plan_waits_for_a_dead_lease_to_lapse_and_resumes_the_interrupted_sync_of_the_same_kind()
    {
        await using var h = new EmulatorHarness();
        var recovery = new SyncRunRecovery(h.State, h.Raw, h.Time);
        var (dead, _) = await DeadProcess.LeaveRunningAsync(h.State, SyncKind.Full, TimeSpan.FromSeconds(30));

        var planning = recovery.PlanResumeAsync(TenantId, ConnectorId);
        h.Time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(planning.IsCompleted);
        h.Time.Advance(TimeSpan.FromSeconds(1));
        var plan = await planning.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(SyncMode.Full, plan.Sync);
        Assert.Equal(dead.Id, plan.InterruptedSync!.Id);
        Assert.False(plan.Ingestion);
        Assert.Equal(SyncRunStatus.Interrupted, (await h.State.GetRunAsync(dead.Id))!.Status);

        var resumed = await h.SyncAsync(plan.Sync!.Value);
        Assert.Equal(SyncRunStatus.Succeeded, resumed.Status);
        var after = await recovery.PlanResumeAsync(TenantId, ConnectorId);
        Assert.Null(after.Sync);
        Assert.True(after.IngestionPending); // synced, never ingested
        Assert.Equal(SyncRunStatus.Succeeded, (await h.IngestAsync()).Status);
        Assert.True((await recovery.PlanResumeAsync(TenantId, ConnectorId)).IsEmpty);
    }

    [Fact]
    public async Task The_resume_plan_leaves_alone_a_run_whose_lease_is_renewed_while_it_waits()
    {
        await using var h = new EmulatorHarness();
        var recovery = new SyncRunRecovery(h.State, h.Raw, h.Time);
        var (alive, lease) = await DeadProcess.LeaveRunningAsync(h.State, SyncKind.Ingestion, TimeSpan.FromSeconds(30));

        var planning = recovery.PlanResumeAsync(TenantId, ConnectorId);
        h.Time.Advance(TimeSpan.FromSeconds(10));
        Assert.NotNull(await h.State.RenewLeaseAsync(lease, TimeSpan.FromSeconds(30))); // another process, alive
        h.Time.Advance(TimeSpan.FromSeconds(20));
        var plan = await planning.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Null(plan.InterruptedIngestion);
        Assert.False(plan.Ingestion);
        Assert.Equal(SyncRunStatus.Running, (await h.State.GetRunAsync(alive.Id))!.Status);
    }

    [Fact]
    public async Task A_cancelled_run_is_resumed_only_when_asked()
    {
        await using var h = new EmulatorHarness();
        using var cts = new CancellationTokenSource();
        var cancelled = await new CarbonVoiceSyncService(new CancellingRawDataStore(h.Raw, 3, cts), h.State, Options.Create(h.SyncOptions), h.Time)
            .SyncAsync(h.Client, new SyncRequest(TenantId, ConnectorId), cancellationToken: cts.Token);
        Assert.Equal(SyncRunStatus.Cancelled, cancelled.Status);
        var recovery = new SyncRunRecovery(h.State, h.Raw, h.Time);

        var plan = await recovery.PlanResumeAsync(TenantId, ConnectorId);
        Assert.Null(plan.Sync);
        Assert.True(plan.IngestionPending);
        var withCancelled = await recovery.PlanResumeAsync(TenantId, ConnectorId, resumeCancelled: true);
        Assert.Equal(SyncMode.Full, withCancelled.Sync);
        Assert.Equal(cancelled.Id, withCancelled.InterruptedSync!.Id);
    }

    /// <summary>Holds the first request whose path starts with a prefix until <see cref="Open"/> is set.</summary>
    private sealed class GateHandler(string pathPrefix) : DelegatingHandler
    {
        private int _held;

        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Open { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri!.AbsolutePath.StartsWith(pathPrefix, StringComparison.Ordinal) && Interlocked.Exchange(ref _held, 1) == 0)
            {
                Entered.TrySetResult();
                await Open.Task.WaitAsync(cancellationToken);
            }

            return await base.SendAsync(request, cancellationToken);
        }
    }
}
