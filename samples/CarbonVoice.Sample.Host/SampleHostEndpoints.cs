using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace CarbonVoice.Sample.Host;

/// <summary>The route table of the sample host: the connector package's routes, OpenAPI and the health probes.</summary>
internal static class SampleHostEndpoints
{
    public const string ApiPrefix = "/api/connectors/carbonvoice";

    public static WebApplication MapSampleHost(this WebApplication app)
    {
        // The package's routes; the RouteGroupBuilder it returns takes a host's own routes and conventions (authorization,
        // rate limiting, CORS).
        app.MapCarbonVoiceConnector(ApiPrefix);
        app.MapCarbonVoiceProgress("/ws");
        app.MapOpenApi();

        // Liveness: the process answers. Readiness: the connector database and the Carbon Voice back end answer.
        app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = _ => false }).WithTags("Health");
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }).WithTags("Health");
        return app;
    }
}
