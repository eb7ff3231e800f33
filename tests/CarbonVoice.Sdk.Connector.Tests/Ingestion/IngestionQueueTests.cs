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
