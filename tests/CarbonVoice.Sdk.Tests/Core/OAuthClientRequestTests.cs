using System.Net;
using CarbonVoice.Sdk.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using RichardSzalay.MockHttp;

namespace CarbonVoice.Sdk.Tests.Core;

/// <summary>Details of the OAuth client's requests and of the tokens it builds from the answers.</summary>
public sealed class OAuthClientRequestTests : IDisposable
{
    private const string MetadataUrl = TestClients.BaseUrl + ".well-known/oauth-authorization-server";
    private readonly MockHttpMessageHandler _mock = new();
    private readonly RecordingHandler _recorder;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private CarbonVoiceClient? _client;

    public OAuthClientRequestTests() => _recorder = new RecordingHandler(_mock);

    public void Dispose()
    {
        _client?.Dispose();
        _recorder.Dispose();
    }

    [Fact]
    public async Task Without_scopes_the_authorization_url_has_no_scope_and_extra_parameters_come_last()
    {
        NoMetadata();

        var request = await OAuth().CreateAuthorizationRequestAsync("s1", new AuthorizationRequestOptions
        {
            UsePkce = false,
            RedirectUri = new Uri("https://other.test/cb"),
            ExtraParameters = new Dictionary<string, string> { ["prompt"] = "consent" },
        });

        Assert.Equal(
            TestClients.Url("oauth/authorize") + "?response_type=code&client_id=test-client&redirect_uri=https%3A%2F%2Fother.test%2Fcb&state=s1&prompt=consent",
            request.Url.AbsoluteUri);
        Assert.Equal(new Uri("https://other.test/cb"), request.RedirectUri);
    }

    [Fact]
    public async Task An_authorization_endpoint_with_a_query_gets_the_parameters_appended_to_it()
    {
        _mock.When(HttpMethod.Get, MetadataUrl).Respond(Json.MediaType, """{"authorization_endpoint":"https://auth.test/authorize?tenant=t1"}""");

        var request = await OAuth().CreateAuthorizationRequestAsync("s1", new AuthorizationRequestOptions { UsePkce = false, Scopes = [] });

        Assert.Equal("https://auth.test/authorize?tenant=t1&response_type=code&client_id=test-client&redirect_uri=https%3A%2F%2Fapp.test%2Fcallback&state=s1", request.Url.AbsoluteUri);
    }

    [Fact]
    public async Task A_base_address_without_a_trailing_slash_still_gets_its_path_kept()
    {
        _mock.When(HttpMethod.Get, "https://api.test.carbonvoice/tenant/.well-known/oauth-authorization-server").Respond(HttpStatusCode.NotFound);

        var request = await OAuth(o => o.BaseAddress = new Uri("https://api.test.carbonvoice/tenant")).CreateAuthorizationRequestAsync("s1");

        Assert.Equal("https://api.test.carbonvoice/tenant/oauth/authorize", request.Url.GetLeftPart(UriPartial.Path));
    }

    [Fact]
    public async Task A_token_answer_without_type_scope_or_refresh_token_gets_the_defaults()
    {
        NoMetadata();
        _mock.When(HttpMethod.Post, TestClients.Url("oauth/token")).Respond(Json.MediaType, """{"access_token":"at-1","refresh_token":"","expires_in":60}""");

        var token = await OAuth().ExchangeCodeAsync("code-1", "v");

        Assert.Equal(("at-1", null, "Bearer"), (token.AccessToken, token.RefreshToken, token.TokenType));
        Assert.Empty(token.Scopes);
        Assert.Equal((_time.GetUtcNow(), _time.GetUtcNow().AddSeconds(60)), (token.IssuedAt!.Value, token.ExpiresAt!.Value));
        Assert.Equal("application/json", Assert.Single(_recorder.Requests, r => r.Path == "/oauth/token").Accept);
    }

    [Fact]
    public async Task A_token_answer_keeps_its_own_type()
    {
        NoMetadata();
        _mock.When(HttpMethod.Post, TestClients.Url("oauth/token")).Respond(Json.MediaType, """{"access_token":"at-1","token_type":"MAC","scope":"a  b"}""");

        var token = await OAuth().RefreshTokenAsync("rt-1");

        Assert.Equal("MAC", token.TokenType);
        Assert.Equal(["a", "b"], token.Scopes);
    }

    [Fact]
    public async Task A_refused_token_request_names_its_endpoint_and_is_sent_once()
    {
        NoMetadata();
        _mock.When(HttpMethod.Post, TestClients.Url("oauth/token")).Respond(HttpStatusCode.ServiceUnavailable);

        var error = await Assert.ThrowsAnyAsync<CarbonVoiceException>(() => OAuth().ExchangeCodeAsync("code-1", "v"));

        Assert.Equal("POST /oauth/token", error.Endpoint);
        Assert.Equal(1, _recorder.Count(HttpMethod.Post, "oauth/token"));
    }

    [Fact]
    public async Task A_failed_revocation_names_its_endpoint_and_is_retried_as_idempotent()
    {
        NoMetadata();
        _mock.When(HttpMethod.Post, TestClients.Url("oauth/revoke")).Respond(HttpStatusCode.ServiceUnavailable);

        var error = await Assert.ThrowsAnyAsync<CarbonVoiceException>(() => OAuth().RevokeTokenAsync("rt-1"));

        Assert.Equal("POST /oauth/revoke", error.Endpoint);
        Assert.Equal(1 + TestClients.Options().MaxRetryAttempts, _recorder.Count(HttpMethod.Post, "oauth/revoke"));
    }

    [Fact]
    public async Task Userinfo_is_retried_after_a_503_and_its_errors_name_the_endpoint()
    {
        NoMetadata();
        var calls = 0;
        _mock.When(HttpMethod.Get, TestClients.Url("oauth/userinfo")).Respond(_ => ++calls == 1
            ? new HttpResponseMessage(HttpStatusCode.ServiceUnavailable)
            : new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("""{"sub":"u1"}""", System.Text.Encoding.UTF8, Json.MediaType) });
        var oauth = OAuth();

        var user = await oauth.GetUserInfoAsync("at-1");

        Assert.Equal("u1", user.Sub);
        Assert.Equal(2, calls);
        Assert.All(_recorder.Requests.Where(r => r.Path == "/oauth/userinfo"), r => Assert.Equal(("Bearer at-1", "application/json"), (r.Authorization, r.Accept)));
    }

    [Fact]
    public async Task Userinfo_that_is_not_json_is_a_malformed_answer_of_that_endpoint()
    {
        NoMetadata();
        _mock.When(HttpMethod.Get, TestClients.Url("oauth/userinfo")).Respond(Json.MediaType, "[1,2");

        var error = await Assert.ThrowsAsync<CarbonVoiceMalformedResponseException>(() => OAuth().GetUserInfoAsync("at-1"));

        Assert.Equal("GET /oauth/userinfo", error.Endpoint);
    }

    [Fact]
    public async Task Metadata_is_fetched_again_exactly_at_the_end_of_the_cache_duration()
    {
        _mock.When(HttpMethod.Get, MetadataUrl).Respond(Json.MediaType, """{"issuer":"https://auth.test"}""");
        var oauth = OAuth(o => o.MetadataCacheDuration = TimeSpan.FromMinutes(10));

        await oauth.GetServerMetadataAsync();
        _time.Advance(TimeSpan.FromMinutes(10));
        await oauth.GetServerMetadataAsync();

        Assert.Equal(2, _recorder.Count(HttpMethod.Get, ".well-known/oauth-authorization-server"));
        Assert.All(_recorder.Requests, r => Assert.Equal("application/json", r.Accept));
    }

    private IOAuthClient OAuth(Action<CarbonVoiceOptions>? configure = null)
    {
        _client = new CarbonVoiceClient(TestClients.Options(configure), new StaticAccessTokenProvider(TestClients.AccessToken), _recorder, timeProvider: _time);
        return _client.OAuth;
    }

    private void NoMetadata() => _mock.When(HttpMethod.Get, MetadataUrl).Respond(HttpStatusCode.NotFound);
}
