using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CarbonVoice.Sdk.Connector.AspNetCore;

internal static class ConnectorEndpoints
{
    public static RouteGroupBuilder MapConnectorsApi(this RouteGroupBuilder group)
    {
        group.MapGet("/", ListAsync).WithName("ListConnectors").WithSummary("Lists a company's Carbon Voice connectors.");
        group.MapGet("/{connector_id}", GetAsync).WithName("GetConnector");
        group.MapPatch("/{connector_id}", UpdateAsync).WithName("UpdateConnector").WithSummary("Changes the name or the enabled entities.")
            .Accepts<UpdateConnectorRequest>("application/json");
        group.MapDelete("/{connector_id}", DisconnectAsync).WithName("DisconnectConnector")
            .WithSummary("Disconnects: revokes the token; purge_data=true also deletes the synced data.");
        group.MapGet("/{connector_id}/entities", GetEntitiesAsync).WithName("GetConnectorEntities").WithSummary("Lists the entities with their counts.");
        return group;
    }

    private static async Task<Results<Ok<IReadOnlyList<ConnectorResponse>>, ProblemHttpResult>> ListAsync(
        [FromQuery(Name = "company_id")] string? companyId, ConnectorTenant tenant, IConnectorRepository connectors, CancellationToken cancellationToken)
    {
        if (Problems.CompanyIdProblem(companyId) is { } invalid)
        {
            return invalid;
        }

        var list = await connectors.ListAsync(tenant.Id, companyId!, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<ConnectorResponse>>([.. list.Select(ConnectorResponse.From)]);
    }

    private static async Task<Results<Ok<ConnectorResponse>, ProblemHttpResult>> GetAsync(
        [FromRoute(Name = "connector_id")] string connectorId, ConnectorTenant tenant, IConnectorRepository connectors, CancellationToken cancellationToken)
    {
        var (connector, problem) = await ConnectorLookup.FindAsync(connectorId, tenant.Id, connectors, cancellationToken);
        return problem ?? (Results<Ok<ConnectorResponse>, ProblemHttpResult>)TypedResults.Ok(ConnectorResponse.From(connector!));
    }

    private static async Task<Results<Ok<ConnectorResponse>, ProblemHttpResult>> UpdateAsync(
        [FromRoute(Name = "connector_id")] string connectorId, JsonBody<UpdateConnectorRequest> json, ConnectorTenant tenant, IConnectorRepository connectors, CancellationToken cancellationToken)
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

        var body = json.Value;
        if (body is null || (body.Name is null && body.EnabledEntities is null))
        {
            return Problems.Validation("body", "Send name and/or enabled_entities.");
        }

        var name = body.Name?.Trim() ?? connector!.Name;
        if (name.Length is 0 or > 200)
        {
            return Problems.Validation("name", "name must be 1-200 characters.");
        }

        var entities = body.EnabledEntities ?? connector!.EnabledEntities;
        if (entities.Count == 0)
        {
            return Problems.Validation("enabled_entities", $"enabled_entities must name at least one entity (a sync of none would succeed with nothing). Known: {string.Join(", ", CarbonVoiceEntities.All.Select(e => e.Key))}.");
        }

        if (entities.FirstOrDefault(e => CarbonVoiceEntities.Find(e) is null) is { } unknown)
        {
            return Problems.Validation("enabled_entities", $"Unknown entity '{unknown}'. Known: {string.Join(", ", CarbonVoiceEntities.All.Select(e => e.Key))}.");
        }

        // Stored in the definitions' order, without duplicates.
        var ordered = CarbonVoiceEntities.All.Select(e => e.Key).Where(entities.Contains).ToList();
        await connectors.UpdateSettingsAsync(connector!.Id, name, ordered, cancellationToken);
        return TypedResults.Ok(ConnectorResponse.From((await connectors.GetByIdAsync(connector.Id, cancellationToken))!));
    }

    private static async Task<Results<Ok<DisconnectResponse>, ProblemHttpResult>> DisconnectAsync(
        [FromRoute(Name = "connector_id")] string connectorId,
        [FromQuery(Name = "purge_data")] string? purge,
        ConnectorTenant tenant,
        IConnectorRepository connectors,
        ITokenStore tokens,
        IOAuthClient oauth,
        IConnectorRunCoordinator syncs,
        ConnectorData data,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var (purgeData, invalid) = QueryValues.Boolean("purge_data", purge);
        if (invalid is not null)
        {
            return invalid;
        }

        var (connector, problem) = await ConnectorLookup.FindAsync(connectorId, tenant.Id, connectors, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        // Disconnected first: from here no sync (route, webhook or follow-up) can start; then stop what runs, revoke
        // and purge. A run failing on its way out cannot turn the status into "expired" (that update needs "connected").
        await connectors.SetStatusAsync(connector!.Id, ConnectorStatuses.Disconnected, "Disconnected by the user.", cancellationToken);
        await syncs.CancelAsync(connector.Id);
        var revoked = false;
        if (await tokens.GetAsync(connector.Id, cancellationToken) is { } token)
        {
            try
            {
                if (token.RefreshToken is { } refresh)
                {
                    await oauth.RevokeTokenAsync(refresh, "refresh_token", cancellationToken);
                }

                await oauth.RevokeTokenAsync(token.AccessToken, "access_token", cancellationToken);
                revoked = true;
            }
            catch (CarbonVoiceException exception)
            {
                // The local token is deleted anyway; the remote one expires on its own.
                loggers.CreateLogger(typeof(ConnectorEndpoints)).TokenRevocationFailed(connector.Id, exception.GetType().Name);
            }

            await tokens.RemoveAsync(connector.Id, cancellationToken);
        }

        var (rawDeleted, chunksDeleted, checkpointsDeleted) = purgeData == true ? await data.PurgeAsync(connector.TenantId, connector.Id, cancellationToken) : (0, 0, 0);
        var updated = (await connectors.GetByIdAsync(connector.Id, cancellationToken))!;
        return TypedResults.Ok(new DisconnectResponse(ConnectorResponse.From(updated), revoked, purgeData == true, rawDeleted, chunksDeleted, checkpointsDeleted));
    }

    private static async Task<Results<Ok<IReadOnlyList<ConnectorEntityResponse>>, ProblemHttpResult>> GetEntitiesAsync(
        [FromRoute(Name = "connector_id")] string connectorId, ConnectorTenant tenant, IConnectorRepository connectors, ConnectorData data, CancellationToken cancellationToken)
    {
        var (connector, problem) = await ConnectorLookup.FindAsync(connectorId, tenant.Id, connectors, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var list = new List<ConnectorEntityResponse>();
        foreach (var entity in CarbonVoiceEntities.All)
        {
            var (records, deleted, chunks) = await data.CountAsync(connector!.TenantId, connector.Id, entity.Key, cancellationToken);
            list.Add(new ConnectorEntityResponse(
                entity.Key, entity.DisplayName, entity.Description, connector.EnabledEntities.Contains(entity.Key), entity.DefaultEnabled, entity.PillarHint, records, deleted, chunks));
        }

        return TypedResults.Ok<IReadOnlyList<ConnectorEntityResponse>>(list);
    }
}
