namespace CarbonVoice.Sdk.Connector.AspNetCore;

/// <summary>
/// On a graceful stop, waits (within the host's shutdown timeout) for the runs of this process to record their end
/// (cancelled) before the stores are disposed; the next start-up resumes them. A run that cannot finish in time is left
/// running and becomes interrupted when its lease lapses.
/// </summary>
internal sealed class RunDrainOnStop(IConnectorRunCoordinator coordinator) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => coordinator.WhenIdleAsync(cancellationToken);
}
