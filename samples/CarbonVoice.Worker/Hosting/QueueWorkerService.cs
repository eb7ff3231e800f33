using CarbonVoice.Sdk.Connector.AzureQueues;

namespace CarbonVoice.Worker.Hosting;

/// <summary>The thin host shell: runs the queue's job pump (bounded concurrency, renewals, poison) until the host stops.</summary>
internal sealed class QueueWorkerService(AzureQueueJobProcessor processor) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => processor.RunAsync(stoppingToken);
}
