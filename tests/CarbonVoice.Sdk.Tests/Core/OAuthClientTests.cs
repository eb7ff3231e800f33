using System.Net;
using CarbonVoice.Sdk.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using RichardSzalay.MockHttp;

namespace CarbonVoice.Sdk.Tests.Core;

public sealed class OAuthClientTests : IDisposable
{
    private const string MetadataUrl = TestClients.BaseUrl + ".well-known/oauth-authorization-server";
    private const string CustomMetadata = """
        {
          "issuer": "https://auth.test.carbonvoice",
          "authorization_endpoint": "https://auth.test.carbonvoice/custom/authorize",
          "token_endpoint": "https://auth.test.carbonvoice/custom/token",
          "userinfo_endpoint": "https://auth.test.carbonvoice/custom/userinfo",
          "revocation_endpoint": "https://auth.test.carbonvoice/custom/revoke",
          "code_challenge_methods_supported": ["S256"],
          "scopes_supported": ["workspaces:read"]
        }
        """;

    private readonly MockHttpMessageHandler _mock = new();
    private readonly RecordingHandler _recorder;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private CarbonVoiceClient? _client;

    public OAuthClientTests() => _recorder = new RecordingHandler(_mock);

    public void Dispose()
    {
        _client?.Dispose();
        _recorder.Dispose();
    }

    [Fact]
    public async Task Authorization_url_carries_every_parameter_and_the_S256_challenge_of_the_verifier()
    {
        NoMetadata();
        var oauth = OAuth(o =>
        {
            o.Scopes.Add("workspaces:read");
            o.Scopes.Add("messages:read");
        });

        var request = await oauth.CreateAuthorizationRequestAsync("state-123");

        Assert.Equal(TestClients.Url("oauth/authorize"), request.Url.GetLeftPart(UriPartial.Path));
        var query = FormData.Parse(request.Url.Query.TrimStart('?'));
        Assert.Equal("code", query["response_type"]);
        Assert.Equal("test-client", query["client_id"]);
        Assert.Equal("https://app.test/callback", query["redirect_uri"]);
        Assert.Equal("state-123", query["state"]);
        Assert.Equal("workspaces:read messages:read", query["scope"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.NotNull(request.CodeVerifier);
        Assert.InRange(request.CodeVerifier!.Length, 43, 128);
        Assert.Equal(Pkce.CreateS256Challenge(request.CodeVerifier), query["code_challenge"]);
        Assert.Equal("state-123", request.State);
        Assert.Equal(new Uri("https://app.test/callback"), request.RedirectUri);
        Assert.DoesNotContain(request.CodeVerifier, request.Url.AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public void S256_challenge_matches_the_RFC_7636_example()
        => Assert.Equal("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", Pkce.CreateS256Challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));

    [Fact]
    public async Task Each_authorization_request_gets_a_fresh_verifier()
    {
        NoMetadata();
        var oauth = OAuth();

        var first = await oauth.CreateAuthorizationRequestAsync("s1");
        var second = await oauth.CreateAuthorizationRequestAsync("s2");

        Assert.NotEqual(first.CodeVerifier, second.CodeVerifier);
    }

    [Fact]
    public async Task Pkce_can_be_turned_off_in_options()
    {
        NoMetadata();
        var oauth = OAuth(o => o.UsePkce = false);

        var request = await oauth.CreateAuthorizationRequestAsync("state-1");

        var query = FormData.Parse(request.Url.Query.TrimStart('?'));
        Assert.Null(request.CodeVerifier);
        Assert.False(query.ContainsKey("code_challenge"));
        Assert.False(query.ContainsKey("code_challenge_method"));
        Assert.Equal("state-1", query["state"]);
    }

    [Fact]
    public async Task Pkce_can_be_turned_off_per_request()
    {
        NoMetadata();
        var oauth = OAuth();

        var request = await oauth.CreateAuthorizationRequestAsync("state-1", new AuthorizationRequestOptions { UsePkce = false, Scopes = ["a"] });

        var query = FormData.Parse(request.Url.Query.TrimStart('?'));
        Assert.Null(request.CodeVerifier);
        Assert.False(query.ContainsKey("code_challenge"));
        Assert.Equal("a", query["scope"]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public async Task Blank_state_is_refused(string? state)
    {
        NoMetadata();
        var oauth = OAuth();

        await Assert.ThrowsAnyAsync<ArgumentException>(() => oauth.CreateAuthorizationRequestAsync(state!));
    }

    [Fact]
    public async Task Endpoints_come_from_the_metadata_document_when_present()
    {
        _mock.When(HttpMethod.Get, MetadataUrl).Respond(Json.MediaType, CustomMetadata);
        _mock.When(HttpMethod.Post, "https://auth.test.carbonvoice/custom/token").Respond(Json.MediaType, TokenJson.Token("at-1", "rt-1"));
        _mock.When(HttpMethod.Post, "https://auth.test.carbonvoice/custom/revoke").Respond(Json.MediaType, "{}");
        _mock.When(HttpMethod.Get, "https://auth.test.carbonvoice/custom/userinfo").Respond(Json.MediaType, """{"sub":"u1"}""");
        var oauth = OAuth();

        var request = await oauth.CreateAuthorizationRequestAsync("s");
        var token = await oauth.ExchangeCodeAsync("code-1", request.CodeVerifier);
        await oauth.RevokeTokenAsync("rt-1", "refresh_token");
        var user = await oauth.GetUserInfoAsync("at-1");

        Assert.Equal("https://auth.test.carbonvoice/custom/authorize", request.Url.GetLeftPart(UriPartial.Path));
        Assert.Equal("at-1", token.AccessToken);
        Assert.Equal("u1", user.Sub);
        Assert.Equal(1, _recorder.Count(HttpMethod.Post, "custom/token"));
        Assert.Equal(1, _recorder.Count(HttpMethod.Post, "custom/revoke"));
        Assert.Equal(0, _recorder.Count(HttpMethod.Post, "oauth/token"));
        Assert.Equal(1, _recorder.Count(HttpMethod.Get, ".well-known/oauth-authorization-server"));
    }

    [Fact]
    public async Task Default_endpoints_are_used_when_the_metadata_document_is_missing()
    {
        NoMetadata();
        _mock.When(HttpMethod.Post, TestClients.Url("oauth/token")).Respond(Json.MediaType, TokenJson.Token("at-1", "rt-1"));
        _mock.When(HttpMethod.Post, TestClients.Url("oauth/revoke")).Respond(Json.MediaType, "{}");
        var oauth = OAuth();

        var metadata = await oauth.GetServerMetadataAsync();
        var request = await oauth.CreateAuthorizationRequestAsync("s");
        await oauth.ExchangeCodeAsync("code-1", request.CodeVerifier);
        await oauth.RevokeTokenAsync("at-1");

        Assert.Equal(new Uri(TestClients.Url("oauth/token")), metadata.TokenEndpoint);
        Assert.Equal(new Uri(TestClients.Url("oauth/userinfo")), metadata.UserinfoEndpoint);
        Assert.Equal(TestClients.Url("oauth/authorize"), request.Url.GetLeftPart(UriPartial.Path));
        Assert.Equal(1, _recorder.Count(HttpMethod.Post, "oauth/token"));
        Assert.Equal(1, _recorder.Count(HttpMethod.Post, "oauth/revoke"));
    }

    [Fact]
    public async Task Endpoints_missing_from_the_metadata_document_fall_back_to_the_defaults()
    {
        _mock.When(HttpMethod.Get, MetadataUrl).Respond(Json.MediaType, """{"issuer":"x","token_endpoint":"https://auth.test.carbonvoice/custom/token"}""");
        _mock.When(HttpMethod.Post, "https://auth.test.carbonvoice/custom/token").Respond(Json.MediaType, TokenJson.Token("at-1", "rt-1"));
        _mock.When(HttpMethod.Post, TestClients.Url("oauth/revoke")).Respond(Json.MediaType, "{}");
        var oauth = OAuth();

        var request = await oauth.CreateAuthorizationRequestAsync("s");
        await oauth.ExchangeCodeAsync("code-1", request.CodeVerifier);
        await oauth.RevokeTokenAsync("at-1");

        Assert.Equal(TestClients.Url("oauth/authorize"), request.Url.GetLeftPart(UriPartial.Path));
        Assert.Equal(1, _recorder.Count(HttpMethod.Post, "custom/token"));
        Assert.Equal(1, _recorder.Count(HttpMethod.Post, "oauth/revoke"));
    }

    [Theory]
    [InlineData(HttpStatusCode.OK, "text/html", "<html><body>app shell</body></html>")]
    [InlineData(HttpStatusCode.OK, "application/json", "{\"issuer\": ")]
    [InlineData(HttpStatusCode.Unauthorized, "application/json", "{\"success\":false,\"errmsg\":\"unauthorized\"}")]
    [InlineData(HttpStatusCode.Forbidden, "application/json", "{\"success\":false,\"errmsg\":\"forbidden\"}")]
    public async Task An_unusable_metadata_document_falls_back_to_the_default_endpoints(HttpStatusCode status, string mediaType, string body)
    {
        _mock.When(HttpMethod.Get, MetadataUrl).Respond(status, mediaType, body);
        var oauth = OAuth();

        var request = await oauth.CreateAuthorizationRequestAsync("s");

        Assert.Equal(TestClients.Url("oauth/authorize"), request.Url.GetLeftPart(UriPartial.Path));
    }

    [Fact]
    public async Task A_metadata_server_error_is_reported_and_not_cached()
    {
        _mock.When(HttpMethod.Get, MetadataUrl).Respond(Responses.Sequence(
            () => Responses.Json(HttpStatusCode.InternalServerError, """{"success":false,"errmsg":"down"}"""),
            () => Responses.Json(HttpStatusCode.OK, CustomMetadata)));
        var oauth = OAuth(o => o.MaxRetryAttempts = 0);

        await Assert.ThrowsAsync<CarbonVoiceServerException>(() => oauth.GetServerMetadataAsync());
        var metadata = await oauth.GetServerMetadataAsync();

        Assert.Equal("https://auth.test.carbonvoice", metadata.Issuer);
        Assert.Equal(2, MetadataRequests());
    }

    [Fact]
    public async Task Metadata_is_cached_and_fetched_again_after_the_cache_duration()
    {
        _mock.When(HttpMethod.Get, MetadataUrl).Respond(Json.MediaType, CustomMetadata);
        var oauth = OAuth(o => o.MetadataCacheDuration = TimeSpan.FromMinutes(10));

        var first = await oauth.GetServerMetadataAsync();
        await oauth.CreateAuthorizationRequestAsync("s");
        _time.Advance(TimeSpan.FromMinutes(9));
        await oauth.GetServerMetadataAsync();
        Assert.Equal(1, MetadataRequests());

        _time.Advance(TimeSpan.FromMinutes(2));
        var refetched = await oauth.GetServerMetadataAsync();

        Assert.Equal(2, MetadataRequests());
        Assert.Equal("https://auth.test.carbonvoice", first.Issuer);
        Assert.Equal(first.TokenEndpoint, refetched.TokenEndpoint);
    }

    [Fact]
    public async Task Concurrent_metadata_reads_fetch_once()
    {
        _mock.When(HttpMethod.Get, MetadataUrl).Respond(Json.MediaType, CustomMetadata);
        var oauth = OAuth();

        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => oauth.GetServerMetadataAsync()));

        Assert.Equal(1, MetadataRequests());
    }

    [Fact]
    public async Task Code_exchange_posts_the_authorization_code_grant_and_computes_the_expiry_with_the_time_provider()
    {
        NoMetadata();
        _mock.When(HttpMethod.Post, TestClients.Url("oauth/token")).Respond(Json.MediaType, TokenJson.Token("at-1", "rt-1", expiresIn: 3600, scope: "a b"));
        var oauth = OAuth();

        var token = await oauth.ExchangeCodeAsync("code-1", "verifier-1");

        var form = _recorder.Single(HttpMethod.Post, "oauth/token").Form;
        Assert.Equal("authorization_code", form["grant_type"]);
        Assert.Equal("code-1", form["code"]);
        Assert.Equal("https://app.test/callback", form["redirect_uri"]);
        Assert.Equal("verifier-1", form["code_verifier"]);
        Assert.Equal("test-client", form["client_id"]);
        Assert.Equal("test-secret", form["client_secret"]);
        Assert.Equal("at-1", token.AccessToken);
        Assert.Equal("rt-1", token.RefreshToken);
        Assert.Equal(_time.GetUtcNow().AddSeconds(3600), token.ExpiresAt);
        Assert.Equal(["a", "b"], token.Scopes);
        Assert.Equal("Bearer", token.TokenType);
    }

    [Fact]
    public async Task Code_exchange_without_verifier_sends_no_code_verifier_and_uses_the_given_redirect_uri()
    {
        NoMetadata();
        _mock.When(HttpMethod.Post, TestClients.Url("oauth/token")).Respond(Json.MediaType, TokenJson.Token("at-1", "rt-1"));
        var oauth = OAuth();

        await oauth.ExchangeCodeAsync("code-1", null, new Uri("https://other.test/cb"));

        var form = _recorder.Single(HttpMethod.Post, "oauth/token").Form;
        Assert.False(form.ContainsKey("code_verifier"));
        Assert.Equal("https://other.test/cb", form["redirect_uri"]);
    }

    [Fact]
    public async Task Expiry_is_read_from_the_jwt_exp_claim_when_expires_in_is_absent()
    {
        NoMetadata();
        var expiresAt = new DateTimeOffset(2026, 3, 1, 14, 30, 0, TimeSpan.Zero);
        var jwt = TokenJson.Jwt(expiresAt);
        _mock.When(HttpMethod.Post, TestClients.Url("oauth/token")).Respond(Json.MediaType, TokenJson.Token(jwt, "rt-1", expiresIn: null));
        var oauth = OAuth();

        var token = await oauth.ExchangeCodeAsync("code-1", "v");

        Assert.Equal(expiresAt, token.ExpiresAt);
    }

    [Fact]
    public async Task An_opaque_token_without_expires_in_is_assumed_to_live_an_hour()
    {
        NoMetadata();
        _mock.When(HttpMethod.Post, TestClients.Url("oauth/token")).Respond(Json.MediaType, TokenJson.Token("opaque", "rt-1", expiresIn: null));
        var oauth = OAuth();

        var token = await oauth.ExchangeCodeAsync("code-1", "v");

        Assert.Equal(token.IssuedAt + TimeSpan.FromHours(1), token.ExpiresAt);
    }

    [Fact]
    public async Task A_refresh_refused_with_carbon_voices_own_error_body_means_the_token_expired()
    {
        NoMetadata();
        _mock.When(HttpMethod.Post, TestClients.Url("oauth/token"))
            .Respond(HttpStatusCode.BadRequest, Json.MediaType, """{"success": false, "requestId": "r-9", "errmsg": "Refresh token is invalid or expired"}""");
        var oauth = OAuth();

        var error = await Assert.ThrowsAsync<CarbonVoiceTokenExpiredException>(() => oauth.RefreshTokenAsync("rt-old"));

        Assert.Equal("r-9", error.RequestId);
        Assert.Equal("Refresh token is invalid or expired", error.ErrorMessage);
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
    }

    [Fact]
    public async Task A_code_refused_with_carbon_voices_own_error_body_stays_a_validation_error()
    {
        NoMetadata();
        _mock.When(HttpMethod.Post, TestClients.Url("oauth/token"))
            .Respond(HttpStatusCode.BadRequest, Json.MediaType, """{"success": false, "requestId": "r-8", "errmsg": "Invalid authorization code"}""");
        var oauth = OAuth();

        var error = await Assert.ThrowsAsync<CarbonVoiceValidationException>(() => oauth.ExchangeCodeAsync("bad", "v"));

        Assert.IsNotType<CarbonVoiceTokenExpiredException>(error);
        Assert.Equal("Invalid authorization code", error.ErrorMessage);
    }

    [Fact]
    public async Task Expires_in_sent_as_a_string_is_accepted()
    {
        NoMetadata();
        _mock.When(HttpMethod.Post, TestClients.Url("oauth/token")).Respond(Json.MediaType, """{"access_token":"at","expires_in":"600"}""");
        var oauth = OAuth();

        var token = await oauth.ExchangeCodeAsync("code-1", "v");

        Assert.Equal(_time.GetUtcNow().AddSeconds(600), token.ExpiresAt);
        Assert.Null(token.RefreshToken);
    }

    [Fact]
    public async Task Refresh_posts_the_refresh_token_grant()
    {
        NoMetadata();
        _mock.When(HttpMethod.Post, TestClients.Url("oauth/token")).Respond(Json.MediaType, TokenJson.Token("at-2", "rt-2", expiresIn: 1800));
        var oauth = OAuth();

        var token = await oauth.RefreshTokenAsync("rt-1");

        var form = _recorder.Single(HttpMethod.Post, "oauth/token").Form;
        Assert.Equal("refresh_token", form["grant_type"]);
        Assert.Equal("rt-1", form["refresh_token"]);
        Assert.Equal("test-client", form["client_id"]);
        Assert.Equal("test-secret", form["client_secret"]);
        Assert.False(form.ContainsKey("code"));
        Assert.Equal("at-2", token.AccessToken);
        Assert.Equal("rt-2", token.RefreshToken);
        Assert.Equal(_time.GetUtcNow().AddSeconds(1800), token.ExpiresAt);
    }

    [Fact]
    public async Task Invalid_grant_surfaces_as_token_expired()
    {
        NoMetadata();
        _mock.When(HttpMethod.Post, TestClients.Url("oauth/token")).Respond(HttpStatusCode.BadRequest, Json.MediaType, TokenJson.Error("invalid_grant", "refresh token revoked"));
        var oauth = OAuth();

        var error = await Assert.ThrowsAsync<CarbonVoiceTokenExpiredException>(() => oauth.RefreshTokenAsync("rt-1"));

        Assert.Equal("invalid_grant", error.ErrorCode);
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal("POST /oauth/token", error.Endpoint);
        Assert.DoesNotContain("rt-1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_client_surfaces_as_an_authentication_error()
    {
        NoMetadata();
        _mock.When(HttpMethod.Post, TestClients.Url("oauth/token")).Respond(HttpStatusCode.Unauthorized, Json.MediaType, TokenJson.Error("invalid_client", "bad secret"));
        var oauth = OAuth();

        var error = await Assert.ThrowsAsync<CarbonVoiceAuthenticationException>(() => oauth.ExchangeCodeAsync("code-1", "v"));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Equal("invalid_client", error.ErrorCode);
        Assert.Contains("POST /oauth/token", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_post_answered_502_is_not_retried()
    {
        NoMetadata();
        _mock.When(HttpMethod.Post, TestClients.Url("oauth/token")).Respond(HttpStatusCode.BadGateway, Json.MediaType, """{"success":false,"errmsg":"upstream"}""");
        var oauth = OAuth(o => o.MaxRetryAttempts = 3);

        await Assert.ThrowsAsync<CarbonVoiceServerException>(() => oauth.ExchangeCodeAsync("code-1", "v"));

        Assert.Equal(1, _recorder.Count(HttpMethod.Post, "oauth/token"));
    }

    [Fact]
    public async Task A_token_response_without_access_token_is_malformed()
    {
        NoMetadata();
        _mock.When(HttpMethod.Post, TestClients.Url("oauth/token")).Respond(Json.MediaType, """{"token_type":"Bearer"}""");
        var oauth = OAuth();

        var error = await Assert.ThrowsAsync<CarbonVoiceMalformedResponseException>(() => oauth.ExchangeCodeAsync("code-1", "v"));

        Assert.Contains("POST /oauth/token", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoke_posts_the_token_and_its_type_hint()
    {
        NoMetadata();
        _mock.When(HttpMethod.Post, TestClients.Url("oauth/revoke")).Respond(Json.MediaType, "{}");
        var oauth = OAuth();

        await oauth.RevokeTokenAsync("rt-1", "refresh_token");

        var form = _recorder.Single(HttpMethod.Post, "oauth/revoke").Form;
        Assert.Equal("rt-1", form["token"]);
        Assert.Equal("refresh_token", form["token_type_hint"]);
        Assert.Equal("test-client", form["client_id"]);
        Assert.Equal("test-secret", form["client_secret"]);
    }

    [Fact]
    public async Task Revoke_without_hint_sends_no_token_type_hint()
    {
        NoMetadata();
        _mock.When(HttpMethod.Post, TestClients.Url("oauth/revoke")).Respond(Json.MediaType, "{}");
        var oauth = OAuth();

        await oauth.RevokeTokenAsync("at-1");

        Assert.False(_recorder.Single(HttpMethod.Post, "oauth/revoke").Form.ContainsKey("token_type_hint"));
    }

    [Theory]
    [InlineData("""{"sub":"u1","email":"a@b.test","name":"Ada L","given_name":"Ada","family_name":"L","picture":"https://p.test/a.png","locale":"en"}""")]
    [InlineData("""{"user":{"sub":"u1","email":"a@b.test","name":"Ada L","given_name":"Ada","family_name":"L","picture":"https://p.test/a.png","locale":"en"}}""")]
    public async Task Userinfo_sends_the_bearer_and_parses_bare_and_wrapped_bodies(string body)
    {
        NoMetadata();
        _mock.When(HttpMethod.Get, TestClients.Url("oauth/userinfo")).Respond(Json.MediaType, body);
        var oauth = OAuth();

        var user = await oauth.GetUserInfoAsync("user-access-token");

        Assert.Equal("Bearer user-access-token", _recorder.Single(HttpMethod.Get, "oauth/userinfo").Authorization);
        Assert.Equal("u1", user.Sub);
        Assert.Equal("a@b.test", user.Email);
        Assert.Equal("Ada L", user.Name);
        Assert.Equal("Ada", user.GivenName);
        Assert.Equal("L", user.FamilyName);
        Assert.Equal("https://p.test/a.png", user.Picture);
        Assert.Equal("en", user.AdditionalProperties!["locale"].GetString());
    }

    [Fact]
    public async Task OAuth_requests_never_carry_the_api_credential()
    {
        NoMetadata();
        _mock.When(HttpMethod.Post, TestClients.Url("oauth/token")).Respond(Json.MediaType, TokenJson.Token("at-1", "rt-1"));
        var oauth = OAuth();

        await oauth.ExchangeCodeAsync("code-1", "v");

        Assert.All(_recorder.Requests, r => Assert.Null(r.Authorization));
    }

    private IOAuthClient OAuth(Action<CarbonVoiceOptions>? configure = null)
    {
        _client = new CarbonVoiceClient(TestClients.Options(configure), new StaticAccessTokenProvider(TestClients.AccessToken), _recorder, timeProvider: _time);
        return _client.OAuth;
    }

    private void NoMetadata() => _mock.When(HttpMethod.Get, MetadataUrl).Respond(HttpStatusCode.NotFound, Json.MediaType, """{"success":false,"errmsg":"not found"}""");

    private int MetadataRequests() => _recorder.Count(HttpMethod.Get, ".well-known/oauth-authorization-server");
}
