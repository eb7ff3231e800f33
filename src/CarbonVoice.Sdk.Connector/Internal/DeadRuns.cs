using Microsoft.Extensions.Logging;

namespace CarbonVoice.Sdk.Connector.Internal;

/// <summary>Marks running runs whose lease is no longer live as interrupted (always by the store's conditional write).</summary>
internal static class DeadRuns
{
    public const string InterruptedMessage = "The run's process stopped before the run finished (its lease lapsed); the next run resumes from the checkpoints.";

    /// <summary>
    /// Called by a run that has just taken the lease of its kind: every other run of that kind still marked running is
    /// dead (it would hold the lease otherwise), and is marked interrupted.
    /// </summary>
    public static async Task InterruptPredecessorsAsync(ISyncStateStore state, string tenantId, string connectorId, bool ingestion, string holder, ILogger logger, CancellationToken cancellationToken)
    {
        var runs = await state.ListRunsAsync(tenantId, connectorId, 20, cancellationToken).ConfigureAwait(false);
        foreach (var run in runs.Where(r => r.Status == SyncRunStatus.Running && (r.Kind == SyncKind.Ingestion) == ingestion && r.LeaseHolder != holder))
        {
            await TryInterruptAsync(state, run, logger, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Marks a running run interrupted when its lease is no longer live; returns the run as stored afterwards.</summary>
    public static async Task<SyncRun> TryInterruptAsync(ISyncStateStore state, SyncRun run, ILogger logger, CancellationToken cancellationToken)
    {
        if (run.Status != SyncRunStatus.Running)
        {
            return run;
        }

        var after = await state.TryInterruptRunAsync(run.Id, InterruptedMessage, cancellationToken).ConfigureAwait(false) ?? run;
        if (after.Status == SyncRunStatus.Interrupted)
        {
            Log.RunInterrupted(logger, run.Id, run.Kind, run.TenantId, run.ConnectorId);
        }

        return after;
    }
}
