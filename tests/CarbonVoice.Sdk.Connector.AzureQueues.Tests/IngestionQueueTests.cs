namespace CarbonVoice.Sdk.Connector.AzureQueues.Tests;

/// <summary>The post-sync ingestion request on the job queue.</summary>
public sealed class IngestionQueueTests
{
    [Fact]
    public async Task A_send_under_way_is_finished_even_when_the_wait_for_room_is_given_up()
    {
        // The sync service gives up waiting for room after SyncOptions.IngestionEnqueueTimeout (a full in-process queue);
        // a job queue is never full, so a slow send (a loaded Azurite, the client's own retries) must not be abandoned:
        // abandoning it loses the finished sync's ingestion.
        var jobs = new GatedJobQueue();
        var queue = new AzureIngestionQueue(jobs);
        using var giveUp = new CancellationTokenSource();

        var enqueue = queue.EnqueueAsync(new IngestionRequest("tenant-a", "conn-1") { CorrelationId = "run-1" }, giveUp.Token).AsTask();
        await jobs.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await giveUp.CancelAsync();
        jobs.Release.TrySetResult();
        await enqueue.WaitAsync(TimeSpan.FromSeconds(10));

        var job = Assert.Single(jobs.Sent);
        Assert.Equal((ConnectorJobKind.Ingestion, "tenant-a", "conn-1", "run-1"), (job.Kind, job.TenantId, job.ConnectorId, job.CorrelationId));
    }

    /// <summary>A job queue whose send waits for <see cref="Release"/>, and honours its token as the Azure client does.</summary>
    private sealed class GatedJobQueue : IConnectorJobQueue
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public List<ConnectorJob> Sent { get; } = [];

        public async Task EnqueueAsync(ConnectorJob job, TimeSpan? delay = null, CancellationToken cancellationToken = default)
        {
            Started.TrySetResult();
            await Release.Task.WaitAsync(cancellationToken);
            Sent.Add(job);
        }
    }
}
