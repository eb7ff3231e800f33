using System.Net;
using CarbonVoice.Sdk.Internal;
using RichardSzalay.MockHttp;

namespace CarbonVoice.Sdk.Tests.Support;

/// <summary>
/// An OAuth-mode SDK client wired like production but without dependency injection: a
/// <see cref="StoredTokenProvider"/> over a token store, an <see cref="OAuthClient"/> for refreshes, a
/// fake clock (<see cref="TrackingTimeProvider"/>) and a MockHttp transport whose requests are recorded.
/// </summary>
internal sealed class TokenHarness : IDisposable
{
    public const string ConnectionId = "connector-42";
    public const string WorkspaceJson = """{"id":"w1","name":"Acme"}""";
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly HttpClient _oauthHttp;

    public TokenHarness(Action<CarbonVoiceOptions>? configure = null, ITokenStore? store = null)
    {
        Recorder = new RecordingHandler(Mock);
        Options = TestClients.Options(configure);
        Store = store ?? new InMemoryTokenStore();
        var monitor = new StaticOptionsMonitor<CarbonVoiceOptions>(Options);
        _oauthHttp = new HttpClient(Recorder, disposeHandler: false);
        OAuth = new OAuthClient(_oauthHttp, monitor, Time);
        Provider = new StoredTokenProvider(Store, OAuth, monitor, Time);
        Client = new CarbonVoiceClient(Options, Provider, Recorder, ConnectionId, Time);
        Mock.When(HttpMethod.Get, TestClients.Url(".well-known/oauth-authorization-server")).Respond(HttpStatusCode.NotFound);
    }

    public MockHttpMessageHandler Mock { get; } = new();

    public RecordingHandler Recorder { get; }

    public TrackingTimeProvider Time { get; } = new(Start);

    public CarbonVoiceOptions Options { get; }

    public ITokenStore Store { get; }

    public OAuthClient OAuth { get; }

    public StoredTokenProvider Provider { get; }

    public CarbonVoiceClient Client { get; }

    public int TokenRequests => Recorder.Count(HttpMethod.Post, "oauth/token");

    public int ApiRequests => Recorder.CountStartingWith("v5/");

    public Task StoreTokenAsync(string accessToken, string? refreshToken, TimeSpan expiresIn)
        => Store.SetAsync(ConnectionId, new CarbonVoiceToken { AccessToken = accessToken, RefreshToken = refreshToken, ExpiresAt = Time.GetUtcNow() + expiresIn });

    /// <summary>The workspace endpoint answers 200 to any bearer.</summary>
    public void ApiAnswersOk() => Mock.When(HttpMethod.Get, TestClients.Url("v5/workspaces/w1")).Respond(Json.MediaType, WorkspaceJson);

    /// <summary>The token endpoint answers a fixed body.</summary>
    public void TokenEndpointAnswers(string json, HttpStatusCode status = HttpStatusCode.OK)
        => Mock.When(HttpMethod.Post, TestClients.Url("oauth/token")).Respond(status, Json.MediaType, json);

    public void Dispose()
    {
        Client.Dispose();
        _oauthHttp.Dispose();
        Recorder.Dispose();
        Mock.Dispose();
    }
}
