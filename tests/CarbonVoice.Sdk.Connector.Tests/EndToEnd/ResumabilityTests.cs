using CarbonVoice.Sdk.Connector.Tests.Support;
using CarbonVoice.Sdk.Testing;
using Microsoft.Extensions.Options;
using static CarbonVoice.Sdk.Connector.Tests.Support.EmulatorHarness;

namespace CarbonVoice.Sdk.Connector.Tests.EndToEnd;

public sealed class ResumabilityTests
{
    [Theory]
    [InlineData(false, 1)]
    [InlineData(true, 1)]
    [InlineData(false, 4)]
    public async Task Cancelling_at_every_page_boundary_then_rerunning_gives_exactly_the_clean_raw_data(bool beforeWrite, int concurrency)
    {
        await using var h = new EmulatorHarness(sync: s => s.MaxConcurrency = concurrency);
        var clean = await CleanFingerprintAsync(h);
        var boundary = 1;
        while (true)
        {
            var raw = new InMemoryRawDataStore(h.Time);
            var state = new InMemorySyncStateStore(h.Time);
            using var cts = new CancellationTokenSource();
            var cancelling = new CancellingRawDataStore(raw, boundary, cts, beforeWrite);
            var sync = new CarbonVoiceSyncService(cancelling, state, Options.Create(h.SyncOptions), h.Time);
            var first = await sync.SyncAsync(h.Client, new SyncRequest(TenantId, ConnectorId), cancellationToken: cts.Token);
            if (first.Status == SyncRunStatus.Succeeded)
            {
                Assert.True(boundary > 5, $"only {boundary} page boundaries");
                break;
            }

            Assert.Equal(SyncRunStatus.Cancelled, first.Status);
            var second = await new CarbonVoiceSyncService(raw, state, Options.Create(h.SyncOptions), h.Time).SyncAsync(h.Client, new SyncRequest(TenantId, ConnectorId));
            Assert.Equal(SyncRunStatus.Succeeded, second.Status);
            Assert.Equal(SyncKind.Full, second.Kind);
            Assert.Equal(clean, await Fingerprint(raw));
            boundary++;
        }
    }

    [Fact]
    public async Task A_resumed_full_sync_keeps_the_first_attempts_high_water_mark()
    {
        await using var h = new EmulatorHarness();
        using var cts = new CancellationTokenSource();
        var raw = new InMemoryRawDataStore(h.Time);
        var cancelled = await new CarbonVoiceSyncService(new CancellingRawDataStore(raw, 6, cts), h.State, Options.Create(h.SyncOptions), h.Time)
            .SyncAsync(h.Client, new SyncRequest(TenantId, ConnectorId), cancellationToken: cts.Token);
        h.Time.Advance(TimeSpan.FromMinutes(30));
        var resumed = await new CarbonVoiceSyncService(raw, h.State, Options.Create(h.SyncOptions), h.Time).SyncAsync(h.Client, new SyncRequest(TenantId, ConnectorId));
        Assert.True(resumed.Status == SyncRunStatus.Succeeded, resumed.Status + " " + resumed.StatusMessage + string.Join("; ", resumed.Errors));
        Assert.Equal(SyncRunStatus.Cancelled, cancelled.Status);
        Assert.Equal(SyncKind.Full, resumed.Kind);
        Assert.NotNull(cancelled.HighWaterMark);
        Assert.Equal(cancelled.HighWaterMark, resumed.HighWaterMark);

        // The committed high-water mark is the first attempt's, not the (30 minutes later) resumed run's own.
        var committed = await h.State.GetCheckpointAsync(TenantId, ConnectorId, "sync:hwm");
        Assert.Equal(cancelled.HighWaterMark, DateTimeOffset.Parse(committed!, System.Globalization.CultureInfo.InvariantCulture));
        // Nothing was lost in between: every message the user can see is in the store.
        var visible = h.Emulator.Data.WorkspacesOf(h.UserId).SelectMany(w => h.Emulator.Data.ConversationsIn(w.Id)).Sum(c => h.Emulator.Data.MessagesIn(c.Id).Count);
        Assert.Equal(visible, await raw.CountAsync(TenantId, ConnectorId, CarbonVoiceEntities.Message));
    }

    [Fact]
    public async Task A_message_deleted_between_a_cancelled_full_sync_and_its_resumption_is_tombstoned()
    {
        await using var h = new EmulatorHarness(sync: s => s.MaxConcurrency = 1);
        for (var boundary = 1; boundary < 60; boundary++)
        {
            var raw = new InMemoryRawDataStore(h.Time);
            var state = new InMemorySyncStateStore(h.Time);
            using var cts = new CancellationTokenSource();
            var first = await new CarbonVoiceSyncService(new CancellingRawDataStore(raw, boundary, cts), state, Options.Create(h.SyncOptions), h.Time)
                .SyncAsync(h.Client, new SyncRequest(TenantId, ConnectorId), cancellationToken: cts.Token);
            Assert.Equal(SyncRunStatus.Cancelled, first.Status);

            // A conversation whose listing the first attempt started but did not finish.
            var partial = h.Emulator.Data.WorkspacesOf(h.UserId)
                .SelectMany(w => h.Emulator.Data.ConversationsIn(w.Id))
                .FirstOrDefault(c => state.GetCheckpointAsync(TenantId, ConnectorId, "listed:" + c.Id).Result is null
                    && raw.ListByParentAsync(TenantId, ConnectorId, CarbonVoiceEntities.Message, c.Id, null, 1).Result.Count > 0);
            if (partial is null)
            {
                continue;
            }

            // A message the first attempt stored, deleted before the resumption: only re-listing and sweeping the conversation can tell.
            var victim = (await raw.ListByParentAsync(TenantId, ConnectorId, CarbonVoiceEntities.Message, partial.Id, null, 1))[0].Key.ExternalId;
            Assert.Contains(h.Emulator.Data.MessagesIn(partial.Id), m => m.Id == victim);
            h.Emulator.Control.DeleteMessage(victim);
            h.Time.Advance(TimeSpan.FromMinutes(1));

            var resumed = await new CarbonVoiceSyncService(raw, state, Options.Create(h.SyncOptions), h.Time).SyncAsync(h.Client, new SyncRequest(TenantId, ConnectorId));
            Assert.True(resumed.Status == SyncRunStatus.Succeeded, resumed.StatusMessage + string.Join("; ", resumed.Errors));
            Assert.Equal(SyncKind.Full, resumed.Kind);
            Assert.True((await raw.GetAsync(new RawRecordKey(TenantId, ConnectorId, CarbonVoiceEntities.Message, victim)))!.IsDeleted, $"boundary {boundary}: the deleted message is still live");
            return;
        }

        Assert.Fail("no cancellation point left a conversation partially listed");
    }

    [Fact]
    public async Task Injected_faults_are_ridden_out_and_the_data_matches_a_clean_run()
    {
        await using var h = new EmulatorHarness(sync: s => s.MaxConcurrency = 1);
        var clean = await CleanFingerprintAsync(h);

        // Before every request that follows a progress event, three faults (within the SDK's three retries).
        var injected = 0;
        var progress = new CallbackProgress(_ =>
        {
            if (h.Emulator.Faults.Pending == 0)
            {
                h.Emulator.Faults.Enqueue(FaultKind.Status502, FaultKind.ConnectionReset, FaultKind.Status503);
                injected += 3;
            }
        });
        var run = await h.SyncAsync(SyncMode.Full, progress);
        Assert.True(run.Status == SyncRunStatus.Succeeded, run.StatusMessage + string.Join("; ", run.Errors));
        Assert.True(injected > 20);
        h.Emulator.Faults.Clear();
        Assert.Equal(clean, await h.FingerprintAsync());
    }

    [Fact]
    public async Task Random_bursts_of_502_are_ridden_out()
    {
        // Bursts of three 502s are absorbed by the SDK's retries; a burst chained right after another can still
        // exhaust one request's attempts, and then that conversation is recorded as failed and the next run
        // resumes it. Whatever the seed or the scheduling, a few runs end with exactly the clean data.
        await using var h = new EmulatorHarness(emulator: o =>
        {
            o.Quirks.Enabled = true;
            o.Quirks.Burst502Probability = 0.15;
            o.Quirks.Burst502Length = 3;
        });
        // The reference data is read with the bursts off: two chained bursts can make any one sync fail, this one too.
        h.Emulator.Options.Quirks.Enabled = false;
        var clean = await CleanFingerprintAsync(h);
        h.Emulator.Options.Quirks.Enabled = true;

        var run = await h.SyncAsync(SyncMode.Full);
        for (var attempt = 1; run.Status != SyncRunStatus.Succeeded && attempt < 5; attempt++)
        {
            Assert.Equal(SyncRunStatus.Failed, run.Status);
            Assert.NotEmpty(run.Errors);
            Assert.All(run.Errors, error => Assert.Contains("502", error.Message, StringComparison.Ordinal));
            run = await h.SyncAsync(SyncMode.Full);
        }

        Assert.True(run.Status == SyncRunStatus.Succeeded, run.StatusMessage + string.Join("; ", run.Errors));
        Assert.Contains(h.Emulator.Requests, r => r.Status == 502);
        Assert.Equal(clean, await h.FingerprintAsync());
    }

    [Fact]
    public async Task A_failing_conversation_is_recorded_the_rest_continues_and_a_rerun_completes()
    {
        await using var h = new EmulatorHarness(sync: s => s.MaxConcurrency = 1);
        var clean = await CleanFingerprintAsync(h);

        // A malformed 200 is not retried by the SDK: the conversation (or listing) it hits fails, the run goes on.
        // The first messages window gets a malformed body.
        var armed = true;
        var progress = new CallbackProgress(p =>
        {
            if (armed && p.Phase == SyncPhase.Messages)
            {
                armed = false;
                h.Emulator.Faults.Enqueue(FaultKind.MalformedJson);
            }
        });
        var failed = await new CarbonVoiceSyncService(h.Raw, h.State, Options.Create(h.SyncOptions), h.Time).SyncAsync(h.Client, new SyncRequest(TenantId, ConnectorId) { Mode = SyncMode.Full }, progress);
        Assert.Equal(SyncRunStatus.Failed, failed.Status);
        var error = Assert.Single(failed.Errors);
        Assert.Equal("messages", error.Phase);
        Assert.True(failed.Counts[CarbonVoiceEntities.Message].New > 0);

        var rerun = await h.SyncAsync();
        Assert.Equal(SyncRunStatus.Succeeded, rerun.Status);
        Assert.Equal(clean, await h.FingerprintAsync());
    }

    private static async Task<List<string>> CleanFingerprintAsync(EmulatorHarness h)
    {
        var raw = new InMemoryRawDataStore(h.Time);
        var run = await new CarbonVoiceSyncService(raw, new InMemorySyncStateStore(h.Time), Options.Create(h.SyncOptions), h.Time).SyncAsync(h.Client, new SyncRequest(TenantId, ConnectorId));
        Assert.Equal(SyncRunStatus.Succeeded, run.Status);
        var fingerprint = await Fingerprint(raw);
        Assert.True(fingerprint.Count > 20);
        return fingerprint;
    }
}
