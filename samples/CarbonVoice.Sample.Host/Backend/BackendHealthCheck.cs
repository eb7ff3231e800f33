using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CarbonVoice.Sample.Host.Backend;

/// <summary>
/// Ready when the back end can answer: the embedded emulator has started, or the real service's base address answers
/// over HTTP (any status: reachability, not authorization, is what is checked).
/// </summary>
internal sealed class BackendHealthCheck(CarbonVoiceBackend backend, IHttpClientFactory clients, Microsoft.Extensions.Options.IOptions<CarbonVoice.Sdk.CarbonVoiceOptions> sdk) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (backend.IsEmbedded)
        {
            try
            {
                return HealthCheckResult.Healthy($"The embedded emulator answers at {backend.ApiAddress}.");
            }
            catch (InvalidOperationException exception)
            {
                return HealthCheckResult.Unhealthy("The embedded emulator has not started.", exception);
            }
        }

        try
        {
            using var client = clients.CreateClient("carbonvoice-health");
            client.Timeout = TimeSpan.FromSeconds(5);
            using var response = await client.GetAsync(sdk.Value.BaseAddress, cancellationToken);
            return HealthCheckResult.Healthy($"Carbon Voice answered {(int)response.StatusCode}.");
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return HealthCheckResult.Unhealthy("Carbon Voice does not answer.", exception);
        }
    }
}
