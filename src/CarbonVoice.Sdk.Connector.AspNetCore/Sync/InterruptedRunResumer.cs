using Microsoft.Extensions.Options;

namespace CarbonVoice.Sdk.Connector.AspNetCore;

/// <summary>
/// At start-up (when <see cref="CarbonVoiceConnectorEndpointsOptions.ResumeInterruptedRuns"/> is on), resumes what a previous process left:
/// for every connector that is not disconnected, <see cref="SyncRunRecovery.PlanResumeAsync"/> waits for the leases of runs
/// still marked running to lapse, marks those runs interrupted, and says what to run; the interrupted (or shutdown-cancelled)
/// sync is started again through the coordinator — its ingestion follows it — or else the pending ingestion. Runs in the
/// background: the host serves requests meanwhile (a sync asked for meanwhile is simply the one that runs).
/// </summary>
internal sealed partial class InterruptedRunResumer(
    IConnectorRepository connectors,
    SyncRunRecovery recovery,
    IConnectorRunCoordinator coordinator,
    IOptions<CarbonVoiceConnectorEndpointsOptions> options,
    ILogger<InterruptedRunResumer> logger,
    HostRunMode? mode = null) : BackgroundService
{
    /// <summary>Completes when every connector's plan has been carried out (or failed); for tests and diagnostics.</summary>
    public Task Completion => _completion.Task;

    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // In queue mode the workers resume: a killed worker's job reappears on the queue after its visibility timeout.
            if (!options.Value.ResumeInterruptedRuns || mode?.IsQueued == true)
            {
                return;
            }

            await Task.Yield(); // never hold up the host's start
            var all = await connectors.ListNotDisconnectedAsync(stoppingToken);
            await Task.WhenAll(all.Select(connector => ResumeAsync(connector, stoppingToken)));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // a failed resume is logged; the next start-up (or the user) tries again
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogResumeFailed(logger, exception, "*");
        }
        finally
        {
            _completion.TrySetResult();
        }
    }

    private async Task ResumeAsync(ConnectorRecord connector, CancellationToken stoppingToken)
    {
        try
        {
            // This host's runs are cancelled only by its shutdown or by a disconnect (then the connector is not listed).
            var plan = await recovery.PlanResumeAsync(connector.TenantId, connector.Id, resumeCancelled: true, stoppingToken);
            if (plan.Sync is { } mode && connector.Status == ConnectorStatuses.Connected)
            {
                var kind = mode == SyncMode.Full ? SyncKind.Full : SyncKind.Delta;
                var started = await coordinator.StartSyncAsync(connector, kind, stoppingToken);
                LogResumed(logger, kind, connector.Id, plan.InterruptedSync?.Id, started.StartedId ?? started.RunningId);
            }
            else if (plan.Ingestion)
            {
                var started = await coordinator.StartIngestionAsync(connector, stoppingToken);
                LogResumed(logger, SyncKind.Ingestion, connector.Id, plan.InterruptedIngestion?.Id, started.StartedId ?? started.RunningId);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogResumeFailed(logger, exception, connector.Id);
        }
    }

    [LoggerMessage(1, LogLevel.Information, "Resumed a {Kind} run of connector {ConnectorId} (interrupted run {InterruptedRunId}) as run {RunId}.")]
    private static partial void LogResumed(ILogger logger, SyncKind kind, string connectorId, string? interruptedRunId, string? runId);

    [LoggerMessage(2, LogLevel.Warning, "Could not resume the runs of connector {ConnectorId}.")]
    private static partial void LogResumeFailed(ILogger logger, Exception exception, string connectorId);
}
