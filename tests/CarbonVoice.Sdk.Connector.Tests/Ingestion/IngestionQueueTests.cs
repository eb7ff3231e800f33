using CarbonVoice.Sdk.Connector.Tests.Support;
using static CarbonVoice.Sdk.Connector.Tests.Support.RawPayloads;

namespace CarbonVoice.Sdk.Connector.Tests.Ingestion;

public sealed class IngestionQueueTests
{
    [Fact]
    public async Task Requests_for_a_waiting_connector_are_merged()
    {
        var queue = new ChannelIngestionQueue();
        await queue.EnqueueAsync(new IngestionRequest("t", "a"));
        await queue.EnqueueAsync(new IngestionRequest("t", "a"));
        await queue.EnqueueAsync(new IngestionRequest("t", "b"));
        Assert.Equal(2, queue.Count);
        using var cts = new CancellationTokenSource();
        var read = new List<IngestionRequest>();
        await foreach (var request in queue.ReadAllAsync(cts.Token))
        {
            read.Add(request);
            if (read.Count == 2)
            {
                break;
            }
        }

        Assert.Equal(["a", "b"], read.Select(r => r.ConnectorId));
        await queue.EnqueueAsync(new IngestionRequest("t", "a"));
        Assert.Equal(1, queue.Count);
    }

    [Fact]
    public async Task The_worker_ingests_queued_requests()
    {
        var h = new IngestionHarness();
        await h.Raw.UpsertAsync([Channel("conv1", "C"), Message("m1", "conv1", 1, "Queued hello.")]);
        var queue = new ChannelIngestionQueue();
        using var worker = new IngestionWorker(queue, h.Service);
        var done = new TaskCompletionSource<SyncRun>(TaskCreationOptions.RunContinuationsAsynchronously);
        worker.RunCompleted += (_, run) => done.TrySetResult(run);
        await worker.StartAsync(CancellationToken.None);
        await queue.EnqueueAsync(new IngestionRequest(TenantId, ConnectorId));
        var completed = await done.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await worker.StopAsync(CancellationToken.None);
        Assert.Equal(SyncRunStatus.Succeeded, completed.Status);
        Assert.Single(await h.AllChunksAsync());
    }
}

public sealed class IngestionQueueReviewTests
{
    [Fact]
    public async Task A_busy_request_is_queued_again_after_the_retry_delay()
    {
        var h = new IngestionHarness();
        await h.Raw.UpsertAsync([Channel("conv1", "C"), Message("m1", "conv1", 1, "Retried hello.")]);
        var held = await h.State.TryAcquireLeaseAsync(TenantId, ConnectorId + "#ingestion", "someone-else", TimeSpan.FromHours(1));
        Assert.NotNull(held);
        var counting = new CountingIngestion(h.Service, h.Time);
        var queue = new ChannelIngestionQueue();
        using var worker = new IngestionWorker(queue, counting, null, h.Time, Microsoft.Extensions.Options.Options.Create(new IngestionOptions { BusyRetryDelay = TimeSpan.FromSeconds(30) }));
        var done = new TaskCompletionSource<SyncRun>(TaskCreationOptions.RunContinuationsAsynchronously);
        worker.RunCompleted += (_, run) => done.TrySetResult(run);
        await worker.StartAsync(CancellationToken.None);
        try
        {
            await queue.EnqueueAsync(new IngestionRequest(TenantId, ConnectorId));
            await WaitUntilAsync(() => counting.Calls >= 1 && counting.Running == 0);
            await h.State.ReleaseLeaseAsync(held!);

            // Time moves once, by the busy retry delay, when the worker waits on it; nothing else may move it.
            await h.Time.AdvanceOnceWaitingAsync(TimeSpan.FromSeconds(30));

            var completed = await done.Task.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(SyncRunStatus.Succeeded, completed.Status);
            Assert.Equal(2, counting.Calls);
            Assert.Equal(TimeSpan.FromSeconds(30), counting.CallTimes[1] - counting.CallTimes[0]);
            Assert.Single(await h.AllChunksAsync());
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_sync_does_not_wait_forever_on_a_full_ingestion_queue()
    {
        await using var h = new EmulatorHarness(sync: s => { s.EnqueueIngestionAfterSync = true; s.IngestionEnqueueTimeout = TimeSpan.FromSeconds(5); });
        var queue = new FullQueue();
        var sync = new CarbonVoiceSyncService(h.Raw, h.State, Microsoft.Extensions.Options.Options.Create(h.SyncOptions), h.Time, queue: queue);
        var running = sync.SyncAsync(h.Client, new SyncRequest(EmulatorHarness.TenantId, EmulatorHarness.ConnectorId));
        await WaitUntilAsync(() => queue.Attempts > 0 || running.IsCompleted);
        h.Time.Advance(TimeSpan.FromSeconds(5));
        var run = await running.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(SyncRunStatus.Succeeded, run.Status);
        Assert.Equal(1, queue.Attempts);
    }

    [Fact]
    public async Task The_post_sync_enqueue_honours_the_callers_token()
    {
        await using var h = new EmulatorHarness(sync: s => { s.EnqueueIngestionAfterSync = true; s.IngestionEnqueueTimeout = TimeSpan.FromHours(1); });
        var queue = new FullQueue();
        using var cts = new CancellationTokenSource();
        var sync = new CarbonVoiceSyncService(h.Raw, h.State, Microsoft.Extensions.Options.Options.Create(h.SyncOptions), h.Time, queue: queue);
        var progress = new CallbackProgress(p =>
        {
            if (p.Phase == SyncPhase.Completed)
            {
                cts.Cancel();
            }
        });
        var run = await sync.SyncAsync(h.Client, new SyncRequest(EmulatorHarness.TenantId, EmulatorHarness.ConnectorId), progress, cts.Token).WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(SyncRunStatus.Succeeded, run.Status);
        Assert.Equal(1, queue.Attempts);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out");
            await Task.Delay(10);
        }
    }

    /// <summary>A queue that never has room: EnqueueAsync waits until its token is cancelled.</summary>
    private sealed class FullQueue : IIngestionQueue
    {
        private int _attempts;

        public int Attempts => Volatile.Read(ref _attempts);

        public async ValueTask EnqueueAsync(IngestionRequest request, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _attempts);
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        public async IAsyncEnumerable<IngestionRequest> ReadAllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            yield break;
        }
    }

    private sealed class CountingIngestion(ICarbonVoiceIngestionService inner, TimeProvider? time = null) : ICarbonVoiceIngestionService
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<DateTimeOffset> _times = new();
        private int _calls;
        private int _running;

        public int Calls => Volatile.Read(ref _calls);

        public int Running => Volatile.Read(ref _running);

        public IReadOnlyList<DateTimeOffset> CallTimes => [.. _times];

        public Task<SyncRun> IngestAsync(string tenantId, string connectorId, CancellationToken cancellationToken)
            => IngestAsync(tenantId, connectorId, null, cancellationToken);

        public async Task<SyncRun> IngestAsync(string tenantId, string connectorId, IProgress<IngestionProgress>? progress = null, CancellationToken cancellationToken = default)
        {
            _times.Enqueue((time ?? TimeProvider.System).GetUtcNow());
            Interlocked.Increment(ref _calls);
            Interlocked.Increment(ref _running);
            try
            {
                return await inner.IngestAsync(tenantId, connectorId, progress, cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref _running);
            }
        }
    }
}
