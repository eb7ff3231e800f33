using CarbonVoice.Sdk.Connector.Tests.Support;
using Microsoft.Extensions.Options;
using static CarbonVoice.Sdk.Connector.Tests.Support.EmulatorHarness;

namespace CarbonVoice.Sdk.Connector.Tests.EndToEnd;

/// <summary>A run whose final save fails (a full disk): retried with backoff, always ending in a terminal state and a terminal progress event.</summary>
public sealed class FinalSaveTests
{
    private static readonly TimeSpan[] Backoff = [TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)];

    [Fact]
    public async Task A_sync_whose_final_save_fails_twice_retries_on_the_clock_and_records_its_end()
    {
        await using var h = new EmulatorHarness();
        var flaky = new FlakySyncStateStore(h.State) { FinalSavesToFail = 2 };
        var progress = new RecordingProgress();
        var sync = new CarbonVoiceSyncService(h.Raw, flaky, Options.Create(h.SyncOptions), h.Time)
            .SyncAsync(h.Client, new SyncRequest(TenantId, ConnectorId), progress);

        await NextFailureAsync(flaky);
        await h.Time.WaitForTimerAsync(Backoff[0]);
        h.Time.Advance(Backoff[0] - TimeSpan.FromMilliseconds(1));
        Assert.False(sync.IsCompleted);
        Assert.Equal(1, flaky.FinalSaveAttempts);
        h.Time.Advance(TimeSpan.FromMilliseconds(1));
        await NextFailureAsync(flaky);
        Assert.False(sync.IsCompleted);
        await h.Time.AdvanceOnceWaitingAsync(Backoff[1]);
        var run = await sync.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(SyncRunStatus.Succeeded, run.Status);
        Assert.Equal(3, flaky.FinalSaveAttempts);
        Assert.Equal(SyncRunStatus.Succeeded, (await h.State.GetRunAsync(run.Id))!.Status);
        var last = progress.Events[^1];
        Assert.Equal(SyncPhase.Completed, last.Phase);
        Assert.Equal(SyncRunStatus.Succeeded, last.Status);
        Assert.Single(progress.Events, e => e.Phase == SyncPhase.Completed);
    }

    [Fact]
    public async Task A_sync_whose_final_save_always_fails_reports_interrupted_and_its_run_becomes_interrupted_when_its_lease_lapses()
    {
        await using var h = new EmulatorHarness();
        var flaky = new FlakySyncStateStore(h.State) { FinalSavesToFail = int.MaxValue, FailReleases = true };
        var progress = new RecordingProgress();
        var sync = new CarbonVoiceSyncService(h.Raw, flaky, Options.Create(h.SyncOptions), h.Time)
            .SyncAsync(h.Client, new SyncRequest(TenantId, ConnectorId), progress);
        foreach (var delay in Backoff)
        {
            await NextFailureAsync(flaky);
            await h.Time.AdvanceOnceWaitingAsync(delay);
        }

        await NextFailureAsync(flaky);
        var run = await sync.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(5, flaky.FinalSaveAttempts);
        Assert.Equal(SyncRunStatus.Interrupted, run.Status);
        Assert.Contains("ended (succeeded) but its end could not be recorded", run.StatusMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("SQLite", run.StatusMessage, StringComparison.OrdinalIgnoreCase);
        var last = progress.Events[^1];
        Assert.Equal(SyncPhase.Completed, last.Phase);
        Assert.Equal(SyncRunStatus.Interrupted, last.Status);
        Assert.Equal(run.StatusMessage, last.Message);

        // The sync log still says running while the run's lease lasts (its release failed too), then interrupted.
        var recovery = new SyncRunRecovery(h.State, h.Raw, h.Time);
        Assert.Equal(SyncRunStatus.Running, (await recovery.GetRunAsync(run.Id))!.Status);
        h.Time.Advance(h.SyncOptions.LeaseDuration);
        Assert.Equal(SyncRunStatus.Interrupted, (await recovery.GetRunAsync(run.Id))!.Status);
        Assert.Equal(SyncMode.Full, (await recovery.PlanResumeAsync(TenantId, ConnectorId)).Sync);
    }

    [Fact]
    public async Task An_ingestion_whose_final_save_fails_twice_records_its_end_and_one_that_always_fails_is_interrupted_by_the_next()
    {
        await using var h = new EmulatorHarness();
        Assert.Equal(SyncRunStatus.Succeeded, (await h.SyncAsync()).Status);
        var flaky = new FlakySyncStateStore(h.State) { FinalSavesToFail = 2 };
        var ingestion = new CarbonVoiceIngestionService(h.Raw, h.Chunks, flaky, new KeywordPillarMapper(Options.Create(new PillarMappingOptions())), TiktokenTokenCounter.Shared, Options.Create(new IngestionOptions()), h.Time);
        var progress = new Recorder<IngestionProgress>();
        var first = ingestion.IngestAsync(TenantId, ConnectorId, progress);
        await NextFailureAsync(flaky);
        await h.Time.AdvanceOnceWaitingAsync(Backoff[0]);
        await NextFailureAsync(flaky);
        await h.Time.AdvanceOnceWaitingAsync(Backoff[1]);
        var run = await first.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(SyncRunStatus.Succeeded, run.Status);
        Assert.Equal(SyncRunStatus.Succeeded, (await h.State.GetRunAsync(run.Id))!.Status);
        Assert.Equal((IngestionPhase.Completed, SyncRunStatus.Succeeded), (progress.Events[^1].Phase, progress.Events[^1].Status));

        // Always refused: the run reports interrupted, and the next ingestion (once the lease lapsed) marks it so.
        h.Emulator.Control.PostMessage(h.SyncedConversations()[0].Id, h.UserId, "one more");
        Assert.Equal(SyncRunStatus.Succeeded, (await h.SyncAsync()).Status);
        flaky.FinalSavesToFail = int.MaxValue;
        flaky.FailReleases = true;
        var failing = new Recorder<IngestionProgress>();
        var second = ingestion.IngestAsync(TenantId, ConnectorId, failing);
        foreach (var delay in Backoff)
        {
            await NextFailureAsync(flaky);
            await h.Time.AdvanceOnceWaitingAsync(delay);
        }

        var lost = await second.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(SyncRunStatus.Interrupted, lost.Status);
        Assert.Equal((IngestionPhase.Completed, SyncRunStatus.Interrupted), (failing.Events[^1].Phase, failing.Events[^1].Status));
        Assert.Equal(SyncRunStatus.Running, (await h.State.GetRunAsync(lost.Id))!.Status);
        await Assert.ThrowsAsync<ConnectorBusyException>(h.IngestAsync);

        h.Time.Advance(TimeSpan.FromSeconds(30));
        var next = await h.IngestAsync();
        Assert.Equal(SyncRunStatus.Succeeded, next.Status);
        Assert.Equal(SyncRunStatus.Interrupted, (await h.State.GetRunAsync(lost.Id))!.Status);
    }

    private static async Task NextFailureAsync(FlakySyncStateStore store)
        => await store.FinalSaveFailures.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
}
