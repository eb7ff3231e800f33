using RichardSzalay.MockHttp;

namespace CarbonVoice.Sdk.Tests.Support;

/// <summary>Builds SDK clients over a MockHttp handler for unit tests of the HTTP layer.</summary>
internal static class TestClients
{
    public const string BaseUrl = "https://api.test.carbonvoice/";
    public const string AccessToken = "test-access-token";

    public static CarbonVoiceOptions Options(Action<CarbonVoiceOptions>? configure = null)
    {
        var options = new CarbonVoiceOptions
        {
            BaseAddress = new Uri(BaseUrl),
            ClientId = "test-client",
            ClientSecret = "test-secret",
            RedirectUri = new Uri("https://app.test/callback"),
            RetryBaseDelay = TimeSpan.Zero,
        };
        configure?.Invoke(options);
        return options;
    }

    /// <summary>A client with a fixed bearer token whose every request goes to <paramref name="mock"/>.</summary>
    public static CarbonVoiceClient Create(MockHttpMessageHandler mock, Action<CarbonVoiceOptions>? configure = null, TimeProvider? time = null, IAccessTokenProvider? tokens = null)
        => new(Options(configure), tokens ?? new StaticAccessTokenProvider(AccessToken), mock, timeProvider: time);

    /// <summary>The absolute URL of a path on the test base address.</summary>
    public static string Url(string path) => BaseUrl + path.TrimStart('/');
}
