using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace CarbonVoice.Sdk;

/// <summary>
/// Settings of the Carbon Voice client. Bound from the configuration section <c>CarbonVoice</c> and from the
/// environment variables <c>CARBONVOICE_CLIENT_ID</c>, <c>CARBONVOICE_CLIENT_SECRET</c>,
/// <c>CARBONVOICE_REDIRECT_URI</c>, <c>CARBONVOICE_BASE_URL</c>, <c>CARBONVOICE_API_KEY</c> and
/// <c>CARBONVOICE_PERSONAL_ACCESS_TOKEN</c>; validated at start-up.
/// </summary>
public sealed class CarbonVoiceOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "CarbonVoice";

    /// <summary>The production API address.</summary>
    public static readonly Uri DefaultBaseAddress = new("https://api.carbonvoice.app/");

    /// <summary>The service's address. Point it at the emulator or a loopback address in tests.</summary>
    [Required]
    public Uri BaseAddress { get; set; } = DefaultBaseAddress;

    /// <summary>How requests are authenticated.</summary>
    public CarbonVoiceAuthenticationMode AuthenticationMode { get; set; } = CarbonVoiceAuthenticationMode.OAuth;

    /// <summary>The OAuth client id of your Carbon Voice app.</summary>
    public string? ClientId { get; set; }

    /// <summary>The OAuth client secret of your Carbon Voice app. Never logged.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The redirect URI registered for your app (the OAuth callback).</summary>
    public Uri? RedirectUri { get; set; }

    /// <summary>The scopes requested by the authorization URL (space-joined on the wire).</summary>
    public IList<string> Scopes { get; } = [];

    /// <summary>Whether authorization requests use PKCE (S256). On by default.</summary>
    public bool UsePkce { get; set; } = true;

    /// <summary>The personal access token used in <see cref="CarbonVoiceAuthenticationMode.PersonalAccessToken"/> mode.</summary>
    public string? PersonalAccessToken { get; set; }

    /// <summary>The API key used in <see cref="CarbonVoiceAuthenticationMode.ApiKey"/> mode.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Tokens are refreshed this long before they expire. Default 5 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan TokenRefreshBuffer { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long the authorization server metadata document is cached. Default 1 hour.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan MetadataCacheDuration { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The whole time budget of one call, retries and rate-limit waits included. Default 100 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>The time budget of a single attempt. Default 30 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries of transient faults (5xx, timeouts, connection errors) for idempotent requests.</summary>
    [Range(0, 10)]
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>The first back-off delay of transient-fault retries (exponential, with jitter).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How the client reacts to rate limits.</summary>
    [ValidateObjectMembers]
    public CarbonVoiceRateLimitOptions RateLimit { get; set; } = new();

    /// <summary>The <c>User-Agent</c> product token sent with each request.</summary>
    public string UserAgent { get; set; } = "CarbonVoice.Sdk/" + typeof(CarbonVoiceOptions).Assembly.GetName().Version?.ToString(3);
}
