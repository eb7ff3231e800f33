using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using System.Web;

namespace CarbonVoice.Sdk.Testing.Tests;

public sealed partial class OAuthTests
{
    private const string Redirect = "http://127.0.0.1:9999/callback";

    [GeneratedRegex("name=\"request_id\" value=\"([^\"]+)\"")]
    private static partial Regex RequestIdPattern();

    private static HttpClient NoRedirectClient(CarbonVoiceEmulator emulator)
        => new(emulator.CreateHandler()) { BaseAddress = emulator.BaseAddress };

    private static (string Verifier, string Challenge) Pkce()
    {
        var verifier = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var challenge = Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (verifier, challenge);
    }

    private static async Task<string> ApproveViaConsentPage(HttpClient client, string query, string? userId = null)
    {
        using var page = await client.GetAsync("/oauth/authorize?" + query);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Approve", html);
        Assert.Contains("Deny", html);
        var requestId = RequestIdPattern().Match(html).Groups[1].Value;
        var form = new Dictionary<string, string> { ["request_id"] = requestId, ["decision"] = "approve" };
        if (userId is not null)
        {
            form["user_id"] = userId;
        }

        using var decision = await client.PostAsync("/oauth/authorize", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.Found, decision.StatusCode);
        return decision.Headers.Location!.ToString();
    }

    private static Task<HttpResponseMessage> Token(HttpClient client, params (string, string)[] form)
        => client.PostAsync("/oauth/token", new FormUrlEncodedContent(form.Select(p => new KeyValuePair<string, string>(p.Item1, p.Item2))));

    [Fact]
    public async Task Metadata_has_absolute_urls_on_the_current_base_address()
    {
        var (emulator, _) = Emu.Create();
        await using var _e = emulator;
        using var client = Emu.Client(emulator);
        var (status, body) = await Emu.GetJson(client, "/.well-known/oauth-authorization-server");
        Assert.Equal(200, status);
        Assert.Equal("http://carbonvoice.emulator/oauth/token", body.GetProperty("token_endpoint").GetString());
        Assert.Equal("http://carbonvoice.emulator/oauth/authorize", body.GetProperty("authorization_endpoint").GetString());
        foreach (var name in new[] { "issuer", "userinfo_endpoint", "revocation_endpoint", "registration_endpoint", "response_types_supported", "grant_types_supported", "token_endpoint_auth_methods_supported", "scopes_supported" })
        {
            Assert.True(body.TryGetProperty(name, out _), name);
        }

        Assert.Equal("S256", body.GetProperty("code_challenge_methods_supported")[0].GetString());
    }

    [Fact]
    public async Task Full_dance_authorize_token_refresh_revoke_refused()
    {
        var (emulator, _) = Emu.Create();
        await using var _e = emulator;
        using var client = NoRedirectClient(emulator);
        var (verifier, challenge) = Pkce();
        var secondUser = emulator.Data.Users[1].Id;
        var location = await ApproveViaConsentPage(client,
            $"client_id=emulator-client&response_type=code&redirect_uri={Uri.EscapeDataString(Redirect)}&state=s%201&scope=identity%20channels:read&code_challenge={challenge}&code_challenge_method=S256",
            secondUser);
        Assert.StartsWith(Redirect + "?", location);
        var query = HttpUtility.ParseQueryString(new Uri(location).Query);
        Assert.Equal("s 1", query["state"]);
        var code = query["code"]!;

        using var tokenResponse = await Token(client, ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", Redirect),
            ("client_id", "emulator-client"), ("client_secret", "emulator-secret"), ("code_verifier", verifier));
        Assert.Equal(HttpStatusCode.OK, tokenResponse.StatusCode);
        var tokens = await Emu.Json(tokenResponse);
        Assert.Equal("Bearer", tokens.GetProperty("token_type").GetString());
        Assert.Equal(3600, tokens.GetProperty("expires_in").GetInt32());
        Assert.Equal("identity channels:read", tokens.GetProperty("scope").GetString());
        var access = tokens.GetProperty("access_token").GetString()!;
        var refresh = tokens.GetProperty("refresh_token").GetString()!;
        Assert.Equal(3, access.Split('.').Length);

        using var userClient = Emu.Client(emulator, access);
        var (status, me) = await Emu.GetJson(userClient, "/whoami");
        Assert.Equal(200, status);
        Assert.Equal(secondUser, me.GetProperty("user").GetProperty("user_guid").GetString());
        var (_, info) = await Emu.GetJson(userClient, "/oauth/userinfo");
        Assert.Equal(secondUser, info.GetProperty("sub").GetString());
        Assert.True(info.TryGetProperty("email", out _));

        using var refreshed = await Token(client, ("grant_type", "refresh_token"), ("refresh_token", refresh), ("client_id", "emulator-client"), ("client_secret", "emulator-secret"));
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var rotated = await Emu.Json(refreshed);
        var newRefresh = rotated.GetProperty("refresh_token").GetString()!;
        Assert.NotEqual(refresh, newRefresh);

        using var reuse = await Token(client, ("grant_type", "refresh_token"), ("refresh_token", refresh), ("client_id", "emulator-client"), ("client_secret", "emulator-secret"));
        Assert.Equal(HttpStatusCode.BadRequest, reuse.StatusCode);
        Assert.Equal("invalid_grant", (await Emu.Json(reuse)).GetProperty("error").GetString());

        using var revoke = await client.PostAsync("/oauth/revoke", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = newRefresh, ["token_type_hint"] = "refresh_token", ["client_id"] = "emulator-client", ["client_secret"] = "emulator-secret",
        }));
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.Equal("{}", await revoke.Content.ReadAsStringAsync());

        using var afterRevoke = await Token(client, ("grant_type", "refresh_token"), ("refresh_token", newRefresh), ("client_id", "emulator-client"), ("client_secret", "emulator-secret"));
        Assert.Equal("invalid_grant", (await Emu.Json(afterRevoke)).GetProperty("error").GetString());

        // Revoking the refresh token takes the grant's access tokens with it (RFC 7009 §2.1).
        using var revokedAccess = Emu.Client(emulator, rotated.GetProperty("access_token").GetString());
        var (revokedStatus, revokedBody) = await Emu.GetJson(revokedAccess, "/whoami");
        Assert.Equal(401, revokedStatus);
        Emu.AssertErrorBody(revokedBody);
    }

    [Fact]
    public async Task Pkce_failure_code_reuse_and_expired_code_are_invalid_grant()
    {
        var (emulator, time) = Emu.Create(o => o.AutoApprove = true);
        await using var _e = emulator;
        using var client = NoRedirectClient(emulator);
        var (verifier, challenge) = Pkce();

        async Task<string> NewCode()
        {
            using var response = await client.GetAsync($"/oauth/authorize?client_id=emulator-client&response_type=code&redirect_uri={Uri.EscapeDataString(Redirect)}&state=x&code_challenge={challenge}&code_challenge_method=S256");
            Assert.Equal(HttpStatusCode.Found, response.StatusCode);
            return HttpUtility.ParseQueryString(response.Headers.Location!.Query)["code"]!;
        }

        async Task<(int, string?)> Exchange(string code, string? codeVerifier, string redirect = Redirect)
        {
            var form = new List<(string, string)> { ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", redirect), ("client_id", "emulator-client"), ("client_secret", "emulator-secret") };
            if (codeVerifier is not null)
            {
                form.Add(("code_verifier", codeVerifier));
            }

            using var response = await Token(client, [.. form]);
            var body = await Emu.Json(response);
            return ((int)response.StatusCode, body.TryGetProperty("error", out var e) ? e.GetString() : null);
        }

        Assert.Equal((400, "invalid_grant"), await Exchange(await NewCode(), "wrong-verifier-wrong-verifier-wrong-verifier"));
        Assert.Equal((400, "invalid_grant"), await Exchange(await NewCode(), null));
        Assert.Equal((400, "invalid_grant"), await Exchange(await NewCode(), verifier, "http://127.0.0.1:9999/other"));

        var code = await NewCode();
        Assert.Equal((200, null), await Exchange(code, verifier));
        Assert.Equal((400, "invalid_grant"), await Exchange(code, verifier));

        var late = await NewCode();
        time.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal((400, "invalid_grant"), await Exchange(late, verifier));
    }

    [Fact]
    public async Task Unknown_client_and_wrong_secret_are_401_invalid_client()
    {
        var (emulator, _) = Emu.Create();
        await using var _e = emulator;
        using var client = NoRedirectClient(emulator);
        var tokens = emulator.IssueTokens(emulator.Data.Users[0].Id);

        using var unknown = await Token(client, ("grant_type", "refresh_token"), ("refresh_token", tokens.RefreshToken), ("client_id", "nobody"), ("client_secret", "x"));
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal("invalid_client", (await Emu.Json(unknown)).GetProperty("error").GetString());

        using var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = tokens.RefreshToken }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("emulator-client:wrong")));
        using var wrong = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal("invalid_client", (await Emu.Json(wrong)).GetProperty("error").GetString());

        using var basicOk = new HttpRequestMessage(HttpMethod.Post, "/oauth/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = tokens.RefreshToken }),
        };
        basicOk.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("emulator-client:emulator-secret")));
        using var ok = await client.SendAsync(basicOk);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task Consent_denial_and_bad_redirects()
    {
        var (emulator, _) = Emu.Create();
        await using var _e = emulator;
        using var client = NoRedirectClient(emulator);
        using var page = await client.GetAsync($"/oauth/authorize?client_id=emulator-client&response_type=code&redirect_uri={Uri.EscapeDataString(Redirect)}&state=abc");
        var requestId = RequestIdPattern().Match(await page.Content.ReadAsStringAsync()).Groups[1].Value;
        using var deny = await client.PostAsync("/oauth/authorize", new FormUrlEncodedContent(new Dictionary<string, string> { ["request_id"] = requestId, ["decision"] = "deny" }));
        Assert.Equal(HttpStatusCode.Found, deny.StatusCode);
        var query = HttpUtility.ParseQueryString(deny.Headers.Location!.Query);
        Assert.Equal("access_denied", query["error"]);
        Assert.Equal("abc", query["state"]);

        using var foreign = await client.GetAsync("/oauth/authorize?client_id=emulator-client&response_type=code&redirect_uri=https%3A%2F%2Fevil.example%2Fcb");
        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
        using var unknown = await client.GetAsync("/oauth/authorize?client_id=nobody&response_type=code&redirect_uri=" + Uri.EscapeDataString(Redirect));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        using var registered = await client.GetAsync("/oauth/authorize?client_id=emulator-client&response_type=code&redirect_uri=" + Uri.EscapeDataString("http://localhost:8000/api/connectors/carbonvoice/oauth/callback"));
        Assert.Equal(HttpStatusCode.OK, registered.StatusCode);
    }

    [Fact]
    public async Task Expired_revoked_and_invalid_tokens_are_401_with_the_error_body()
    {
        var (emulator, time) = Emu.Create();
        await using var _e = emulator;
        var user = emulator.Data.Users[0].Id;
        var byTime = emulator.IssueTokens(user);
        var byCall = emulator.IssueTokens(user);
        emulator.ExpireAccessToken(byCall.AccessToken);
        using var expiredByCall = Emu.Client(emulator, byCall.AccessToken);
        Assert.Equal(401, (await Emu.GetJson(expiredByCall, "/whoami")).Status);

        using var timed = Emu.Client(emulator, byTime.AccessToken);
        Assert.Equal(200, (await Emu.GetJson(timed, "/whoami")).Status);
        time.Advance(TimeSpan.FromHours(1));
        var (status, body) = await Emu.GetJson(timed, "/whoami");
        Assert.Equal(401, status);
        Emu.AssertErrorBody(body);

        emulator.RevokeRefreshToken(byTime.RefreshToken);
        using var client = NoRedirectClient(emulator);
        using var refused = await Token(client, ("grant_type", "refresh_token"), ("refresh_token", byTime.RefreshToken), ("client_id", "emulator-client"), ("client_secret", "emulator-secret"));
        Assert.Equal("invalid_grant", (await Emu.Json(refused)).GetProperty("error").GetString());

        using var none = Emu.Client(emulator);
        Assert.Equal(401, (await Emu.GetJson(none, "/whoami")).Status);
        using var garbage = Emu.Client(emulator, "not-a-token");
        Assert.Equal(401, (await Emu.GetJson(garbage, "/whoami")).Status);
    }

    [Fact]
    public async Task Personal_access_tokens_and_api_keys_authenticate()
    {
        var (emulator, _) = Emu.Create();
        await using var _e = emulator;
        var user = emulator.Data.Users[2].Id;
        var pat = emulator.CreatePersonalAccessToken(user);
        Assert.StartsWith("cv_pat_", pat);
        using var patClient = Emu.Client(emulator, pat);
        Assert.Equal(user, (await Emu.GetJson(patClient, "/whoami")).Body.GetProperty("user").GetProperty("user_guid").GetString());

        using var keyClient = Emu.Client(emulator);
        keyClient.DefaultRequestHeaders.Add("x-api-key", emulator.CreateApiKey(user));
        Assert.Equal(user, (await Emu.GetJson(keyClient, "/whoami")).Body.GetProperty("user").GetProperty("user_guid").GetString());
        Assert.Contains(emulator.Requests, r => r.AuthKind == EmulatorAuthKind.ApiKey);
        Assert.Contains(emulator.Requests, r => r.AuthKind == EmulatorAuthKind.PersonalAccessToken);
    }
}
