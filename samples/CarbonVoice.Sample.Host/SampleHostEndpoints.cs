using CarbonVoice.Sample.Host.Endpoints;
using CarbonVoice.Sample.Host.Tenancy;

namespace CarbonVoice.Sample.Host;

/// <summary>The route table of the sample host.</summary>
internal static class SampleHostEndpoints
{
    public const string ApiPrefix = "/api/connectors/carbonvoice";

    public static WebApplication MapSampleHost(this WebApplication app)
    {
        var api = app.MapGroup(ApiPrefix).WithTags("Carbon Voice connector");
        api.MapOAuthApi();
        api.MapWebhookApi();
        var tenant = api.MapGroup(string.Empty).RequireAuthorization(TenantClaims.Policy);
        tenant.MapInfoApi();
        tenant.MapConnectorsApi();
        tenant.MapSyncApi();
        tenant.MapChunksApi();
        tenant.MapDashboardApi();
        tenant.MapProgressTicketApi();
        app.MapProgressSocket();
        app.MapOpenApi();
        return app;
    }
}
