using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace CarbonVoice.Sdk.Connector.AspNetCore;

/// <summary>Read-only routes a dashboard needs beside the guide's: the sync history and a connector overview.</summary>
internal static class DashboardEndpoints
{
    /// <summary>The pillar that collects chunks of pillars the mapping does not name (a custom <see cref="IPillarMapper"/>).</summary>
    public const string OtherPillar = "other";

    public static RouteGroupBuilder MapDashboardApi(this RouteGroupBuilder group)
    {
        group.MapGet("/{connector_id}/sync", ListRunsAsync).WithName("ListSyncLogs")
            .WithSummary("Lists the connector's sync and ingestion runs, newest first (limit 1-100, default 20).");
        group.MapGet("/{connector_id}/overview", GetOverviewAsync).WithName("GetConnectorOverview")
            .WithSummary("Chunks per pillar, the runs holding the connector's leases, and the rate-limit state last observed.");
        return group;
    }

    private static async Task<Results<Ok<SyncHistoryResponse>, ProblemHttpResult>> ListRunsAsync(
        [FromRoute(Name = "connector_id")] string connectorId,
        [FromQuery(Name = "limit")] string? limitText,
        ConnectorTenant tenant,
        IConnectorRepository connectors,
        ISyncStateStore state,
        SyncRunRecovery recovery,
        CancellationToken cancellationToken)
    {
        var (connector, problem) = await ConnectorLookup.FindAsync(connectorId, tenant.Id, connectors, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var (limit, invalidLimit) = QueryValues.Integer("limit", limitText, 1, 100);
        if (invalidLimit is not null)
        {
            return invalidLimit;
        }

        var runs = await state.ListRunsAsync(connector!.TenantId, connector.Id, limit ?? 20, cancellationToken);
        var items = new List<SyncHistoryEntryResponse>(runs.Count);
        foreach (var run in runs)
        {
            // A run still marked running whose process died is marked interrupted by this read, as by GET /sync/{id}.
            var settled = run.Status == SyncRunStatus.Running ? await recovery.GetRunAsync(run.Id, cancellationToken) ?? run : run;
            items.Add(SyncHistoryEntryResponse.From(settled));
        }

        return TypedResults.Ok(new SyncHistoryResponse(items));
    }

    private static async Task<Results<Ok<ConnectorOverviewResponse>, ProblemHttpResult>> GetOverviewAsync(
        [FromRoute(Name = "connector_id")] string connectorId,
        ConnectorTenant tenant,
        IConnectorRepository connectors,
        IChunkStore chunks,
        SyncRunRecovery recovery,
        IRateLimitState rateLimits,
        IOptions<PillarMappingOptions> pillarMapping,
        IOptions<CarbonVoiceConnectorEndpointsOptions> hostOptions,
        CancellationToken cancellationToken)
    {
        var (connector, problem) = await ConnectorLookup.FindAsync(connectorId, tenant.Id, connectors, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var (tenantId, id) = (connector!.TenantId, connector.Id);
        var total = await chunks.CountAsync(new ChunkQuery(tenantId, id), cancellationToken);
        var pillars = new List<PillarCountResponse>();
        foreach (var pillar in KnownPillars(pillarMapping.Value))
        {
            pillars.Add(new PillarCountResponse(pillar, await chunks.CountAsync(new ChunkQuery(tenantId, id) { Pillar = pillar }, cancellationToken)));
        }

        var unnamed = total - pillars.Sum(p => p.ChunkCount);
        if (unnamed > 0)
        {
            pillars.Add(new PillarCountResponse(OtherPillar, unnamed));
        }

        var sync = await recovery.FindLiveLeaseAsync(tenantId, id, SyncKind.Full, cancellationToken);
        var ingestion = await recovery.FindLiveLeaseAsync(tenantId, id, SyncKind.Ingestion, cancellationToken);
        return TypedResults.Ok(new ConnectorOverviewResponse(
            id, total, pillars, Active(sync), Active(ingestion), RateLimitResponse.From(rateLimits.Get(id)), hostOptions.Value.IngestAfterSync));
    }

    /// <summary>The pillars a chunk can have (as <c>GET /chunks</c> accepts them), without the catch-all.</summary>
    private static IEnumerable<string> KnownPillars(PillarMappingOptions mapping)
        => ChunkEndpoints.KnownPillars(mapping).Where(p => p != OtherPillar);

    /// <summary>The run holding a live lease; none when its holder's run has already ended and it is only letting go of the lease.</summary>
    private static ActiveRunResponse? Active(LiveLease? live)
        => live is null || live.Ending ? null : new ActiveRunResponse(live.Run?.Id, live.Lease.ExpiresAt);
}
