using CarbonVoice.Sdk.EndToEnd.Tests.Support;
using CarbonVoice.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CarbonVoice.Sdk.EndToEnd.Tests;

public sealed class OAuthTests
{
    private static Harness AutoApproving() => new(o => o.AutoApprove = true);

    [Fact]
    public async Task Metadata_is_read_from_the_emulator_and_cached()
    {
        await using var h = AutoApproving();
        var client = h.ClientFor();

        var metadata = await client.OAuth.GetServerMetadataAsync();
        var again = await client.OAuth.GetServerMetadataAsync();

        Assert.Equal(new Uri(h.Emulator.BaseAddress, "oauth/authorize"), metadata.AuthorizationEndpoint);
        Assert.Equal(new Uri(h.Emulator.BaseAddress, "oauth/token"), metadata.TokenEndpoint);
        Assert.Equal(new Uri(h.Emulator.BaseAddress, "oauth/userinfo"), metadata.UserinfoEndpoint);
        Assert.Equal(new Uri(h.Emulator.BaseAddress, "oauth/revoke"), metadata.RevocationEndpoint);
        Assert.Contains("S256", metadata.CodeChallengeMethodsSupported!);
        Assert.Contains("refresh_token", metadata.GrantTypesSupported!);
        Assert.Equal(metadata, again);
        Assert.Single(h.RequestsTo("GET", "/.well-known/oauth-authorization-server"));
    }

    [Fact]
    public async Task Authorization_url_carries_pkce_and_state_and_yields_a_code()
    {
        await using var h = AutoApproving();
        var client = h.ClientFor();

        var (request, code) = await OAuthDance.AuthorizeAsync(h, client.OAuth, "my-state");

        Assert.Equal(new Uri(h.Emulator.BaseAddress, "oauth/authorize").AbsoluteUri, request.Url.GetLeftPart(UriPartial.Path));
        Assert.Equal(Harness.ClientId, Expect.QueryValue(request.Url, "client_id"));
        Assert.Equal(Harness.RedirectUri.AbsoluteUri, Expect.QueryValue(request.Url, "redirect_uri"));
        Assert.Equal("code", Expect.QueryValue(request.Url, "response_type"));
        Assert.Equal("S256", Expect.QueryValue(request.Url, "code_challenge_method"));
        Assert.NotEmpty(Expect.QueryValue(request.Url, "code_challenge"));
        Assert.Equal("my-state", request.State);
        Assert.NotNull(request.CodeVerifier);
        Assert.False(string.IsNullOrWhiteSpace(code));
    }

    [Fact]
    public async Task Full_dance_authorize_exchange_call_refresh_revoke_refused()
    {
        await using var h = AutoApproving();
        var anonymous = h.Client(new StaticAccessTokenProvider("not-used-by-oauth"));

        // authorize → code → token
        var token = await OAuthDance.TokensAsync(h, anonymous.OAuth);
        Assert.False(string.IsNullOrEmpty(token.AccessToken));
        Assert.False(string.IsNullOrEmpty(token.RefreshToken));
        Assert.Equal(Harness.Start + h.Emulator.Options.AccessTokenLifetime, token.ExpiresAt);
        Assert.NotEmpty(token.Scopes);

        // API call and userinfo with the access token
        var me = await h.Client(new StaticAccessTokenProvider(token.AccessToken)).Users.WhoAmIAsync();
        Assert.Equal(h.User.Id, me.Id);
        var info = await anonymous.OAuth.GetUserInfoAsync(token.AccessToken);
        Assert.Equal(h.User.Id, info.Sub);
        Assert.Equal(h.User.Email, info.Email);
        Assert.Equal(h.User.FirstName, info.GivenName);
        Assert.Equal(h.User.LastName, info.FamilyName);

        // refresh rotates the refresh token; the old one is refused afterwards
        var refreshed = await anonymous.OAuth.RefreshTokenAsync(token.RefreshToken!);
        Assert.NotEqual(token.AccessToken, refreshed.AccessToken);
        Assert.False(string.IsNullOrEmpty(refreshed.RefreshToken));
        Assert.NotEqual(token.RefreshToken, refreshed.RefreshToken);
        await Assert.ThrowsAsync<CarbonVoiceTokenExpiredException>(() => anonymous.OAuth.RefreshTokenAsync(token.RefreshToken!));
        var refreshedClient = h.Client(new StaticAccessTokenProvider(refreshed.AccessToken));
        Assert.Equal(h.User.Id, (await refreshedClient.Users.WhoAmIAsync()).Id);

        // revoke → refused: refresh is invalid_grant, the access token of the grant is 401
        await anonymous.OAuth.RevokeTokenAsync(refreshed.RefreshToken!, "refresh_token");
        var refused = await Assert.ThrowsAsync<CarbonVoiceTokenExpiredException>(() => anonymous.OAuth.RefreshTokenAsync(refreshed.RefreshToken!));
        Assert.Equal("invalid_grant", refused.ErrorCode);
        var rejected = await Assert.ThrowsAsync<CarbonVoiceAuthenticationException>(() => refreshedClient.Users.WhoAmIAsync());
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, rejected.StatusCode);
        Assert.DoesNotContain(refreshed.AccessToken, rejected.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(refreshed.RefreshToken!, refused.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoking_an_access_token_makes_api_calls_fail_with_401()
    {
        await using var h = AutoApproving();
        var anonymous = h.Client(new StaticAccessTokenProvider("x"));
        var token = await OAuthDance.TokensAsync(h, anonymous.OAuth);

        await anonymous.OAuth.RevokeTokenAsync(token.AccessToken, "access_token");

        await Assert.ThrowsAsync<CarbonVoiceAuthenticationException>(() => h.Client(new StaticAccessTokenProvider(token.AccessToken)).Users.WhoAmIAsync());
        // RFC 7009: revoking an unknown token is not an error
        await anonymous.OAuth.RevokeTokenAsync("never-issued");
    }

    [Fact]
    public async Task A_code_is_single_use_and_bound_to_its_verifier()
    {
        await using var h = AutoApproving();
        var oauth = h.Client(new StaticAccessTokenProvider("x")).OAuth;

        var (request, code) = await OAuthDance.AuthorizeAsync(h, oauth);
        await Assert.ThrowsAsync<CarbonVoiceTokenExpiredException>(() => oauth.ExchangeCodeAsync(code, "wrong-verifier-wrong-verifier-wrong-verifier-00", request.RedirectUri));

        var (request2, code2) = await OAuthDance.AuthorizeAsync(h, oauth);
        await oauth.ExchangeCodeAsync(code2, request2.CodeVerifier, request2.RedirectUri);
        await Assert.ThrowsAsync<CarbonVoiceTokenExpiredException>(() => oauth.ExchangeCodeAsync(code2, request2.CodeVerifier, request2.RedirectUri));
    }

    [Fact]
    public async Task Wrong_client_secret_is_refused()
    {
        await using var h = AutoApproving();
        var good = h.Client(new StaticAccessTokenProvider("x")).OAuth;
        var (request, code) = await OAuthDance.AuthorizeAsync(h, good);
        var bad = h.Client(new StaticAccessTokenProvider("x"), o => o.ClientSecret = "wrong-secret").OAuth;

        var error = await Assert.ThrowsAsync<CarbonVoiceAuthenticationException>(() => bad.ExchangeCodeAsync(code, request.CodeVerifier, request.RedirectUri));

        Assert.DoesNotContain("wrong-secret", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stored_token_expired_early_is_refreshed_transparently_on_401()
    {
        await using var h = new Harness();
        var token = h.IssueToken();
        var stored = await h.StoredClientAsync(token);

        h.Emulator.ExpireAccessToken(token.AccessToken);
        var me = await stored.Client.Users.WhoAmIAsync();

        Assert.Equal(h.User.Id, me.Id);
        var now = (await stored.Store.GetAsync(CarbonVoiceClient.DefaultConnectionId))!;
        Assert.NotEqual(token.AccessToken, now.AccessToken);
        Assert.NotEqual(token.RefreshToken, now.RefreshToken);
        var log = h.Emulator.Requests.Where(r => !r.PathAndQuery.StartsWith("/.well-known/", StringComparison.Ordinal))
            .Select(r => (r.Method, r.PathAndQuery.Split('?')[0], r.Status)).ToList();
        Assert.Equal([("GET", "/whoami", 401), ("POST", "/oauth/token", 200), ("GET", "/whoami", 200)], log);
    }

    [Fact]
    public async Task Stored_token_near_expiry_is_refreshed_before_the_call()
    {
        await using var h = new Harness();
        var token = h.IssueToken();
        var stored = await h.StoredClientAsync(token);

        h.Time.Advance(h.Emulator.Options.AccessTokenLifetime - TimeSpan.FromMinutes(2));
        await stored.Client.Workspaces.ListLegacyAsync();

        Assert.DoesNotContain(h.Emulator.Requests, r => r.Status == 401);
        Assert.Single(h.RequestsTo("POST", "/oauth/token"));
    }

    [Fact]
    public async Task Stored_token_with_a_revoked_refresh_token_surfaces_as_expired()
    {
        await using var h = new Harness();
        var token = h.IssueToken();
        var stored = await h.StoredClientAsync(token);

        h.Emulator.RevokeRefreshToken(token.RefreshToken!);
        Assert.Equal(h.User.Id, (await stored.Client.Users.WhoAmIAsync()).Id); // the access token itself still works
        h.Emulator.ExpireAccessToken(token.AccessToken);

        var error = await Assert.ThrowsAsync<CarbonVoiceTokenExpiredException>(() => h.Clock.DriveAsync(stored.Client.Users.WhoAmIAsync()));
        Assert.Equal(CarbonVoiceClient.DefaultConnectionId, error.ConnectionId);
        // the refused refresh token is remembered: no second refresh attempt hits the server
        await Assert.ThrowsAsync<CarbonVoiceTokenExpiredException>(() => stored.Client.Users.WhoAmIAsync());
        Assert.Single(h.RequestsTo("POST", "/oauth/token"));
    }

    [Fact]
    public async Task DI_path_full_dance_and_transparent_refresh()
    {
        await using var h = AutoApproving();
        using var services = h.Services();
        var oauth = services.GetRequiredService<IOAuthClient>();
        var store = services.GetRequiredService<ITokenStore>();

        var token = await OAuthDance.TokensAsync(h, oauth);
        await store.SetAsync("connector-1", token);
        var client = services.GetRequiredService<ICarbonVoiceClientFactory>().CreateClient("connector-1");

        Assert.Equal(h.User.Id, (await client.Users.WhoAmIAsync()).Id);
        h.Emulator.ExpireAccessToken(token.AccessToken);
        Assert.Equal(h.User.Id, (await client.Users.WhoAmIAsync()).Id);
        var current = (await store.GetAsync("connector-1"))!;
        Assert.NotEqual(token.RefreshToken, current.RefreshToken);

        await oauth.RevokeTokenAsync(current.RefreshToken!, "refresh_token");
        h.Emulator.ExpireAccessToken(current.AccessToken);
        var expired = await Assert.ThrowsAsync<CarbonVoiceTokenExpiredException>(() => h.Clock.DriveAsync(client.Users.WhoAmIAsync()));
        Assert.Equal("connector-1", expired.ConnectionId);
        Assert.True(client.RateLimit is not null);
        Assert.Equal(EmulatorAuthKind.OAuth, h.Emulator.Requests.First(r => r.Status == 200 && r.PathAndQuery == "/whoami").AuthKind);
    }

    [Fact]
    public async Task Fifty_parallel_calls_with_an_expired_stored_token_cause_exactly_one_refresh()
    {
        await using var h = new Harness();
        var token = h.IssueToken();
        var stored = await h.StoredClientAsync(token);
        h.Emulator.ExpireAccessToken(token.AccessToken);

        var users = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => stored.Client.Users.WhoAmIAsync())));

        Assert.All(users, u => Assert.Equal(h.User.Id, u.Id));
        Assert.Single(h.RequestsTo("POST", "/oauth/token"));
        Assert.Equal(50, h.RequestsTo("GET", "/whoami").Count(r => r.Status == 200));
    }
}
