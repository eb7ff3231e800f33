using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CarbonVoice.Sdk.Connector.AspNetCore;

internal static class InfoEndpoints
{
    public static RouteGroupBuilder MapInfoApi(this RouteGroupBuilder group)
    {
        group.MapGet("/info", GetInfo).WithName("GetConnectorInfo").WithSummary("Describes the Carbon Voice connector and its syncable entities.");
        return group;
    }

    private static Ok<ConnectorInfoResponse> GetInfo(ConnectorTenant tenant, IOptions<CarbonVoiceConnectorEndpointsOptions> options, IOptions<CarbonVoiceWebhookOptions> webhooks, ConnectorRoutes routes)
        => TypedResults.Ok(new ConnectorInfoResponse(
            tenant.Id,
            "carbonvoice",
            "Carbon Voice",
            "Voice conversations, messages and action items from Carbon Voice.",
            "oauth2",
            options.Value.BackendName,
            options.Value.AuthorizationServer?.ToString(),
            routes.WebhookPath,
            webhooks.Value.HeaderName,
            [.. CarbonVoiceEntities.All.Select(e => new EntityDefinitionResponse(e.Key, e.DisplayName, e.Description, e.DefaultEnabled, e.PillarHint, e.ApiEndpoint))]));
}
