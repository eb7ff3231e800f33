using Microsoft.Extensions.DependencyInjection;

namespace CarbonVoice.Sdk;

/// <summary>Returned by <c>AddCarbonVoice</c> to customise the registration.</summary>
public interface ICarbonVoiceBuilder
{
    /// <summary>The service collection.</summary>
    IServiceCollection Services { get; }

    /// <summary>The named HTTP client of API calls (handlers: telemetry, rate limits, resilience, authentication).</summary>
    IHttpClientBuilder ApiHttpClient { get; }

    /// <summary>The named HTTP client of the OAuth endpoints (handlers: telemetry, resilience; no credentials).</summary>
    IHttpClientBuilder OAuthHttpClient { get; }
}
