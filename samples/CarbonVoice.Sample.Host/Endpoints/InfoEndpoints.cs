using System.Security.Claims;
using CarbonVoice.Sample.Host.Backend;
using CarbonVoice.Sample.Host.Contracts;
using CarbonVoice.Sample.Host.Tenancy;
using CarbonVoice.Sdk.Connector;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CarbonVoice.Sample.Host.Endpoints;

internal static class InfoEndpoints
{
    public static RouteGroupBuilder MapInfoApi(this RouteGroupBuilder group)
    {
        group.MapGet("/info", GetInfo).WithName("GetConnectorInfo").WithSummary("Describes the Carbon Voice connector and its syncable entities.");
        return group;
    }

    private static Ok<ConnectorInfoResponse> GetInfo(ClaimsPrincipal user, CarbonVoiceBackend backend)
        => TypedResults.Ok(new ConnectorInfoResponse(
            user.GetTenantId(),
            "carbonvoice",
            "Carbon Voice",
            "Voice conversations, messages and action items from Carbon Voice.",
            "oauth2",
            backend.IsEmbedded ? "emulator" : "carbonvoice",
            backend.IsEmbedded && !backend.InProcess ? backend.ApiAddress?.ToString() : null,
            "/api/connectors/carbonvoice/webhook",
            backend.WebhookHeaderName,
            [.. CarbonVoiceEntities.All.Select(e => new EntityDefinitionResponse(e.Key, e.DisplayName, e.Description, e.DefaultEnabled, e.PillarHint, e.ApiEndpoint))]));
}
