using System.Net;
using CarbonVoice.Sdk.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RichardSzalay.MockHttp;

namespace CarbonVoice.Sdk.Tests.Core;

public sealed class SecretsNotLoggedTests
{
    private const string ConnectionId = "bde-connector-7";
    private const string ClientSecret = "cs-0a1b2c3d4e5f-client-secret";
    private const string Code = "code-9f8e7d6c5b4a-authorization";
    private const string FirstRefreshToken = "rt-first-5566778899aabbcc";
    private const string SecondRefreshToken = "rt-second-ddeeff0011223344";
    private static readonly string FirstAccessToken = TokenJson.Jwt(new DateTimeOffset(2040, 1, 1, 0, 0, 0, TimeSpan.Zero), "first");
    private static readonly string SecondAccessToken = TokenJson.Jwt(new DateTimeOffset(2040, 1, 1, 0, 0, 0, TimeSpan.Zero), "second");

    [Fact]
    public void Token_ToString_prints_no_token()
    {
        var token = new CarbonVoiceToken { AccessToken = FirstAccessToken, RefreshToken = FirstRefreshToken, Scopes = ["a"] };

        var text = token.ToString();

        Assert.DoesNotContain(FirstAccessToken, text, StringComparison.Ordinal);
        Assert.DoesNotContain(FirstRefreshToken, text, StringComparison.Ordinal);
        Assert.Contains("***", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Authorization_request_ToString_prints_neither_state_nor_verifier()
    {
        var request = new AuthorizationRequest(new Uri("https://api.test/oauth/authorize?state=st-secret&code_challenge=ch"), "st-secret", "verifier-secret", new Uri("https://app.test/cb"));

        var text = request.ToString();

        Assert.DoesNotContain("st-secret", text, StringComparison.Ordinal);
        Assert.DoesNotContain("verifier-secret", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_full_oauth_flow_logs_and_throws_no_token_code_or_secret()
    {
        using var mock = new MockHttpMessageHandler();
        var recorder = new RecordingHandler(mock);
        mock.When(HttpMethod.Get, TestClients.Url(".well-known/oauth-authorization-server")).Respond(HttpStatusCode.NotFound);
        mock.When(HttpMethod.Post, TestClients.Url("oauth/token")).Respond(async request =>
        {
            var form = FormData.Parse(await request.Content!.ReadAsStringAsync());
            return form["grant_type"] == "authorization_code"
                ? Responses.Json(HttpStatusCode.OK, TokenJson.Token(FirstAccessToken, FirstRefreshToken))
                : Responses.Json(HttpStatusCode.OK, TokenJson.Token(SecondAccessToken, SecondRefreshToken));
        });
        mock.When(HttpMethod.Post, TestClients.Url("oauth/revoke")).Respond(Json.MediaType, "{}");
        mock.When(HttpMethod.Get, TestClients.Url("v5/workspaces/w1")).Respond(Json.MediaType, """{"id":"w1"}""");
        mock.When(HttpMethod.Get, TestClients.Url("v5/workspaces/w2")).WithHeaders("Authorization", "Bearer " + FirstAccessToken)
            .Respond(HttpStatusCode.Unauthorized, Json.MediaType, $$"""{"success":false,"requestId":"r-401","errmsg":"token {{FirstAccessToken}} revoked"}""");
        mock.When(HttpMethod.Get, TestClients.Url("v5/workspaces/w2")).WithHeaders("Authorization", "Bearer " + SecondAccessToken)
            .Respond(Json.MediaType, """{"id":"w2"}""");
        mock.When(HttpMethod.Get, TestClients.Url("v5/workspaces/w3")).Respond(
            HttpStatusCode.BadRequest,
            Json.MediaType,
            $$"""{"success":false,"requestId":"r-400","errmsg":"bad request for Bearer {{SecondAccessToken}}","access_token":"{{SecondAccessToken}}","refresh_token":"{{SecondRefreshToken}}","client_secret":"{{ClientSecret}}","code":"{{Code}}"}""");
        mock.When(HttpMethod.Get, TestClients.Url("v5/workspaces/w4")).Throw(new HttpRequestException("Connection refused"));

        var services = new ServiceCollection();
        services.AddLogging(b => b.AddFakeLogging().SetMinimumLevel(LogLevel.Trace));
        services.AddCarbonVoice(o =>
        {
            o.BaseAddress = new Uri(TestClients.BaseUrl);
            o.ClientId = "client-id";
            o.ClientSecret = ClientSecret;
            o.RedirectUri = new Uri("https://app.test/callback");
            o.RetryBaseDelay = TimeSpan.Zero;
            o.MaxRetryAttempts = 1;
            o.Scopes.Add("workspaces:read");
        }).ConfigurePrimaryHandler(_ => recorder);
        await using var provider = services.BuildServiceProvider();
        var oauth = provider.GetRequiredService<IOAuthClient>();
        var store = provider.GetRequiredService<ITokenStore>();
        var errors = new List<Exception>();

        var authorization = await oauth.CreateAuthorizationRequestAsync("state-value");
        var token = await oauth.ExchangeCodeAsync(Code, authorization.CodeVerifier);
        await store.SetAsync(ConnectionId, token);
        var client = provider.GetRequiredService<ICarbonVoiceClientFactory>().CreateClient(ConnectionId);
        await client.Workspaces.GetAsync("w1");
        await client.Workspaces.GetAsync("w2");
        errors.Add(await Assert.ThrowsAsync<CarbonVoiceValidationException>(() => client.Workspaces.GetAsync("w3")));
        errors.Add(await Assert.ThrowsAsync<CarbonVoiceTransportException>(() => client.Workspaces.GetAsync("w4")));
        await oauth.RevokeTokenAsync(SecondRefreshToken, "refresh_token");

        // The flow really ran: a refresh happened and the second token was used.
        Assert.Equal(2, recorder.Count(HttpMethod.Post, "oauth/token"));
        Assert.Equal("Bearer " + SecondAccessToken, recorder.Requests.Last(r => r.Path == "/v5/workspaces/w2").Authorization);
        var logs = provider.GetFakeLogCollector().GetSnapshot();
        Assert.Contains(logs, r => r.Message.Contains("Refreshing", StringComparison.Ordinal));
        Assert.Contains(logs, r => r.Exception is not null);

        string[] secrets = [FirstAccessToken, SecondAccessToken, FirstRefreshToken, SecondRefreshToken, Code, authorization.CodeVerifier!, ClientSecret];
        var texts = logs.SelectMany(r => new[] { r.Message, r.Exception?.ToString() }
                .Concat(r.StructuredState?.Select(kv => kv.Value) ?? []))
            .Concat(errors.Select(e => e.ToString()))
            .Concat(errors.OfType<CarbonVoiceException>().Select(e => e.ResponseBodyExcerpt))
            .Where(t => t is not null)
            .ToList();
        Assert.NotEmpty(texts);
        foreach (var secret in secrets)
        {
            Assert.All(texts, text => Assert.DoesNotContain(secret, text!, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_token_endpoint_error_that_echoes_the_refresh_token_does_not_leak_it()
    {
        using var h = new TokenHarness();
        await h.StoreTokenAsync("at-expired", "rt-opaque-0123456789", TimeSpan.FromMinutes(-1));
        h.TokenEndpointAnswers(TokenJson.Error("invalid_grant", "refresh token rt-opaque-0123456789 was revoked"), HttpStatusCode.BadRequest);

        var error = await Assert.ThrowsAsync<CarbonVoiceTokenExpiredException>(() => h.Time.AdvanceUntilCompletedAsync(h.Client.Workspaces.GetAsync("w1"), TimeSpan.FromSeconds(5)));

        Assert.DoesNotContain("rt-opaque-0123456789", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("rt-opaque-0123456789", error.ErrorMessage ?? string.Empty, StringComparison.Ordinal);
        Assert.DoesNotContain("rt-opaque-0123456789", error.ResponseBodyExcerpt ?? string.Empty, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_api_error_that_echoes_an_opaque_access_token_does_not_leak_it()
    {
        using var h = new TokenHarness();
        await h.StoreTokenAsync("opaque-access-token-abcdef", "rt-1", TimeSpan.FromHours(1));
        h.Mock.When(HttpMethod.Get, TestClients.Url("v5/workspaces/w1"))
            .Respond(HttpStatusCode.Forbidden, Json.MediaType, """{"success":false,"errmsg":"token opaque-access-token-abcdef may not read w1"}""");

        var error = await Assert.ThrowsAsync<CarbonVoiceForbiddenException>(() => h.Client.Workspaces.GetAsync("w1"));

        Assert.DoesNotContain("opaque-access-token-abcdef", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("opaque-access-token-abcdef", error.ErrorMessage ?? string.Empty, StringComparison.Ordinal);
        Assert.DoesNotContain("opaque-access-token-abcdef", error.ResponseBodyExcerpt ?? string.Empty, StringComparison.Ordinal);
    }
}
