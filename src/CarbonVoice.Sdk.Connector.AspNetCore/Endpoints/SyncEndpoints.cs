using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CarbonVoice.Sdk.Connector.AspNetCore;

internal static class SyncEndpoints
{
    public static RouteGroupBuilder MapSyncApi(this RouteGroupBuilder group)
    {
        group.MapPost("/{connector_id}/sync", StartSyncAsync).WithName("StartSync").Accepts<StartSyncRequest>(isOptional: true, "application/json")
            .WithSummary("Starts a background sync (full or delta); 409 with the running sync's id when one is running.");
        group.MapGet("/{connector_id}/sync/{sync_log_id}", GetRunAsync).WithName("GetSyncLog").WithSummary("Reads a sync or ingestion run.");
        group.MapPost("/{connector_id}/ingest", StartIngestAsync).WithName("StartIngestion")
            .WithSummary("Queues ingestion of the synced data into chunks; 409 when one is running.");
        return group;
    }

    private static async Task<Results<Accepted<RunStartedResponse>, ProblemHttpResult>> StartSyncAsync(
        [FromRoute(Name = "connector_id")] string connectorId,
        JsonBody<StartSyncRequest> json,
        ConnectorTenant tenant,
        IConnectorRepository connectors,
        IConnectorRunCoordinator syncs,
        ISyncStateStore state,
        ConnectorRoutes routes,
        CancellationToken cancellationToken)
    {
        var (connector, problem) = await ConnectorLookup.FindAsync(connectorId, tenant.Id, connectors, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (json.Problem is not null)
        {
            return json.Problem;
        }

        SyncKind kind;
        switch (json.Value?.SyncType?.ToLowerInvariant())
        {
            // The run decides: a delta with nothing synced yet (or after a purge) runs full, and the answer names what it
            // recorded. (Deciding here from the connector's last sync would race with a sync that has just ended.)
            case null: kind = SyncKind.Delta; break;
            case "full": kind = SyncKind.Full; break;
            case "delta": kind = SyncKind.Delta; break;
            default: return Problems.Validation("sync_type", "sync_type must be 'full' or 'delta'.");
        }

        if (connector!.Status != ConnectorStatuses.Connected)
        {
            return Problems.Conflict("Connector is not connected", $"The connector is {connector.Status}; reconnect it before syncing.", new Dictionary<string, object?> { ["connector_status"] = connector.Status });
        }

        var result = await syncs.StartSyncAsync(connector, kind, cancellationToken);
        if (result.RefusedStatus is { } status)
        {
            return NotRunnable(status);
        }

        if (result.TimedOut)
        {
            return StillStarting();
        }

        if (result.StartedId is not { } runId)
        {
            return Busy("A sync is already running", "Sync", result);
        }

        // The run decides its kind (a delta without checkpoints, after a purge, runs full): answer what it recorded.
        var started = await state.GetRunAsync(runId, cancellationToken);
        var url = routes.RunUrl(connector.Id, runId);
        return TypedResults.Accepted(url, new RunStartedResponse(runId, connector.Id, SyncLogResponse.KindName(started?.Kind ?? kind), "running", url));
    }

    private static async Task<Results<Ok<SyncLogResponse>, ProblemHttpResult>> GetRunAsync(
        [FromRoute(Name = "connector_id")] string connectorId,
        [FromRoute(Name = "sync_log_id")] string syncLogId,
        ConnectorTenant tenant,
        IConnectorRepository connectors,
        SyncRunRecovery recovery,
        CancellationToken cancellationToken)
    {
        var (connector, problem) = await ConnectorLookup.FindAsync(connectorId, tenant.Id, connectors, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (string.IsNullOrWhiteSpace(syncLogId) || syncLogId.Length > 64 || !syncLogId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return Problems.Validation("sync_log_id", "sync_log_id must be 1-64 letters, digits, '-' or '_'.");
        }

        // A run still marked running whose lease lapsed (its process died) is marked interrupted by this read.
        var run = await recovery.GetRunAsync(syncLogId, cancellationToken);
        return run is null || run.ConnectorId != connector!.Id || run.TenantId != connector.TenantId
            ? Problems.NotFound("Sync log not found", $"No run {syncLogId} exists for this connector.")
            : TypedResults.Ok(SyncLogResponse.From(run));
    }

    private static async Task<Results<Accepted<RunStartedResponse>, ProblemHttpResult>> StartIngestAsync(
        [FromRoute(Name = "connector_id")] string connectorId, ConnectorTenant tenant, IConnectorRepository connectors, IConnectorRunCoordinator syncs, ConnectorRoutes routes, CancellationToken cancellationToken)
    {
        var (connector, problem) = await ConnectorLookup.FindAsync(connectorId, tenant.Id, connectors, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var result = await syncs.StartIngestionAsync(connector!, cancellationToken);
        if (result.RefusedStatus is { } status)
        {
            return NotRunnable(status);
        }

        if (result.TimedOut)
        {
            return StillStarting();
        }

        return result.StartedId is { } runId
            ? TypedResults.Accepted(routes.RunUrl(connector!.Id, runId), new RunStartedResponse(runId, connector.Id, "ingestion", "running", routes.RunUrl(connector.Id, runId)))
            : Busy("An ingestion is already running", "Ingestion", result);
    }

    /// <summary>409 naming the run whose lease is live (null when another process holds it without a recorded run yet), and when that lease lapses unless renewed.</summary>
    private static ProblemHttpResult Busy(string title, string what, RunStartResult result)
        => Problems.Conflict(
            title,
            result.RunningId is null ? $"Another {what.ToLowerInvariant()} of this connector holds its lease." : $"{what} {result.RunningId} of this connector is still running.",
            new Dictionary<string, object?> { ["sync_log_id"] = result.RunningId, ["lease_expires_at"] = result.BusyUntil });

    private static ProblemHttpResult NotRunnable(string status)
        => Problems.Conflict("Connector is not connected", $"The connector is {status}; reconnect it before syncing.", new Dictionary<string, object?> { ["connector_status"] = status });

    private static ProblemHttpResult StillStarting()
        => TypedResults.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "The run is still starting",
            detail: "The run was not recorded in time; it may still start. Read the connector (last_sync_log_id) or try again shortly.",
            extensions: new Dictionary<string, object?> { ["retry_after_seconds"] = 5 });


}
