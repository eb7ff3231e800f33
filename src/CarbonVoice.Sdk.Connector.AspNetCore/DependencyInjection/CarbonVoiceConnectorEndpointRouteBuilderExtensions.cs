using CarbonVoice.Sdk.Connector.AspNetCore;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the connector's routes (services from <c>AddCarbonVoiceConnectorEndpoints</c>).</summary>
public static class CarbonVoiceConnectorEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the guide's routes under <paramref name="prefix"/>: <c>POST /oauth/start</c>, <c>GET /oauth/callback</c> and
    /// <c>POST /webhook</c> (anonymous: the state and the webhook header authenticate them), and, for the tenant of
    /// <see cref="ITenantResolver"/> (policy <see cref="TenantClaims.Policy"/>), <c>/info</c>, the connectors, sync, ingestion,
    /// chunks and <c>/progress/tickets</c>. The group is returned so that the caller can add its own conventions
    /// (authorization, rate limiting, CORS) and routes.
    /// </summary>
    /// <param name="endpoints">The route builder.</param>
    /// <param name="prefix">The prefix, <c>/api/connectors/carbonvoice</c> by default.</param>
    public static RouteGroupBuilder MapCarbonVoiceConnector(this IEndpointRouteBuilder endpoints, string prefix = ConnectorRoutes.DefaultPrefix)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var routes = endpoints.ServiceProvider.GetService<ConnectorRoutes>()
            ?? throw new InvalidOperationException("MapCarbonVoiceConnector needs services.AddCarbonVoiceConnectorEndpoints(...).");
        routes.Prefix = ConnectorRoutes.Normalize(prefix);
        var api = endpoints.MapGroup(routes.Prefix).WithTags("Carbon Voice connector");
        api.MapOAuthApi();
        api.MapWebhookApi();
        var tenant = api.MapGroup(string.Empty).RequireAuthorization(TenantClaims.Policy);
        tenant.MapInfoApi();
        tenant.MapConnectorsApi();
        tenant.MapSyncApi();
        tenant.MapChunksApi();
        tenant.MapDashboardApi();
        tenant.MapProgressTicketApi();
        return api;
    }

    /// <summary>
    /// Maps the progress WebSocket <c>{prefix}/{tenant_id}</c>: JSON messages about the tenant's runs, opened with a
    /// single-use ticket from <c>POST .../progress/tickets</c>. Call <c>app.UseWebSockets()</c> before.
    /// </summary>
    /// <param name="endpoints">The route builder.</param>
    /// <param name="prefix">The prefix, <c>/ws</c> by default.</param>
    public static IEndpointConventionBuilder MapCarbonVoiceProgress(this IEndpointRouteBuilder endpoints, string prefix = ConnectorRoutes.DefaultProgressPrefix)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var routes = endpoints.ServiceProvider.GetService<ConnectorRoutes>()
            ?? throw new InvalidOperationException("MapCarbonVoiceProgress needs services.AddCarbonVoiceConnectorEndpoints(...).");
        routes.ProgressPrefix = ConnectorRoutes.Normalize(prefix);
        return endpoints.MapProgressSocket(routes.ProgressPrefix).WithTags("Carbon Voice connector");
    }
}
