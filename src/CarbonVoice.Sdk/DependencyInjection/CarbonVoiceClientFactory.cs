using Microsoft.Extensions.Options;

namespace CarbonVoice.Sdk.Internal;

/// <summary>Creates clients over the factory-managed API HTTP client.</summary>
internal sealed class CarbonVoiceClientFactory(IHttpClientFactory httpClients, IOptionsMonitor<CarbonVoiceOptions> options, IOAuthClient oauth, RateLimitTracker rateLimits, TimeProvider time) : ICarbonVoiceClientFactory
{
    public ICarbonVoiceClient CreateClient(string connectionId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionId);
        var connection = new CarbonVoiceConnection(httpClients.CreateClient(CarbonVoiceServiceNames.ApiHttpClient), options, connectionId, time);
        return new ConnectionClient(connection, oauth, rateLimits);
    }
}
