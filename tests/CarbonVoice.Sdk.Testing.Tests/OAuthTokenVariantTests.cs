using System.Net;
using System.Text.Json;
using System.Web;

namespace CarbonVoice.Sdk.Testing.Tests;

/// <summary>The token-response variants an <see cref="EmulatorClient"/> can be registered with.</summary>
public sealed class OAuthTokenVariantTests
{
    private const string Redirect = "http://127.0.0.1:9999/callback";

    private static (CarbonVoiceEmulator Emulator, HttpClient Http) Create(EmulatorClient client)
    {
        var (emulator, _) = Emu.Create(o =>
        {
            o.AutoApprove = true;
            o.Clients.Add(client);
        });
        return (emulator, new HttpClient(emulator.CreateHandler()) { BaseAddress = emulator.BaseAddress });
    }

    private static async Task<(int Status, JsonElement Body)> Token(HttpClient http, params (string, string)[] form)
    {
        using var response = await http.PostAsync("/oauth/token", new FormUrlEncodedContent(form.Select(p => new KeyValuePair<string, string>(p.Item1, p.Item2))));
        return ((int)response.StatusCode, await Emu.Json(response));
    }

    private static async Task<JsonElement> CodeGrant(HttpClient http, string clientId, string secret)
    {
        using var authorize = await http.GetAsync($"/oauth/authorize?client_id={clientId}&response_type=code&redirect_uri={Uri.EscapeDataString(Redirect)}&state=s");
        Assert.Equal(HttpStatusCode.Found, authorize.StatusCode);
        var code = HttpUtility.ParseQueryString(authorize.Headers.Location!.Query)["code"]!;
        var (status, tokens) = await Token(http, ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", Redirect), ("client_id", clientId), ("client_secret", secret));
        Assert.Equal(200, status);
        return tokens;
    }

    private static Task<(int Status, JsonElement Body)> Refresh(HttpClient http, string clientId, string secret, string refreshToken)
        => Token(http, ("grant_type", "refresh_token"), ("refresh_token", refreshToken), ("client_id", clientId), ("client_secret", secret));

    [Fact]
    public async Task OmitExpiresIn_drops_expires_in_from_every_token_response()
    {
        var (emulator, http) = Create(new EmulatorClient { ClientId = "no-expiry", ClientSecret = "s", OmitExpiresIn = true });
        await using var _e = emulator;
        using var _h = http;
        var tokens = await CodeGrant(http, "no-expiry", "s");
        Assert.False(tokens.TryGetProperty("expires_in", out _));
        Assert.Equal("Bearer", tokens.GetProperty("token_type").GetString());
        var (status, refreshed) = await Refresh(http, "no-expiry", "s", tokens.GetProperty("refresh_token").GetString()!);
        Assert.Equal(200, status);
        Assert.False(refreshed.TryGetProperty("expires_in", out _));
        Assert.True(refreshed.TryGetProperty("refresh_token", out _));

        // The default client still sends it.
        Assert.Equal(3600, (await CodeGrant(http, "emulator-client", "emulator-secret")).GetProperty("expires_in").GetInt32());
    }

    [Fact]
    public async Task OmitRefreshToken_refreshes_without_a_refresh_token_and_the_old_one_stays_valid()
    {
        var (emulator, http) = Create(new EmulatorClient { ClientId = "no-rotation", ClientSecret = "s", OmitRefreshToken = true });
        await using var _e = emulator;
        using var _h = http;
        var tokens = await CodeGrant(http, "no-rotation", "s");
        var refreshToken = tokens.GetProperty("refresh_token").GetString()!;
        var accessTokens = new List<string> { tokens.GetProperty("access_token").GetString()! };
        for (var i = 0; i < 3; i++)
        {
            var (status, refreshed) = await Refresh(http, "no-rotation", "s", refreshToken);
            Assert.Equal(200, status);
            Assert.False(refreshed.TryGetProperty("refresh_token", out _));
            Assert.Equal(3600, refreshed.GetProperty("expires_in").GetInt32());
            accessTokens.Add(refreshed.GetProperty("access_token").GetString()!);
        }

        Assert.Equal(accessTokens.Count, accessTokens.Distinct().Count());
        using var user = Emu.Client(emulator, accessTokens[^1]);
        Assert.Equal(200, (await Emu.GetJson(user, "/whoami")).Status);

        // The default client rotates: its old refresh token is refused after one use.
        var rotating = await CodeGrant(http, "emulator-client", "emulator-secret");
        var old = rotating.GetProperty("refresh_token").GetString()!;
        var (first, rotated) = await Refresh(http, "emulator-client", "emulator-secret", old);
        Assert.Equal(200, first);
        Assert.NotEqual(old, rotated.GetProperty("refresh_token").GetString());
        Assert.Equal(400, (await Refresh(http, "emulator-client", "emulator-secret", old)).Status);
    }

    [Fact]
    public async Task ErrmsgErrors_answer_token_errors_with_the_service_error_body_and_the_same_statuses()
    {
        var (emulator, http) = Create(new EmulatorClient { ClientId = "errmsg", ClientSecret = "s", ErrmsgErrors = true });
        await using var _e = emulator;
        using var _h = http;
        var (badGrant, grantBody) = await Refresh(http, "errmsg", "s", "no-such-refresh-token");
        Assert.Equal(400, badGrant);
        Emu.AssertErrorBody(grantBody);
        Assert.False(grantBody.TryGetProperty("error", out _));

        var (badCode, codeBody) = await Token(http, ("grant_type", "authorization_code"), ("code", "nope"), ("redirect_uri", Redirect), ("client_id", "errmsg"), ("client_secret", "s"));
        Assert.Equal(400, badCode);
        Emu.AssertErrorBody(codeBody);

        var (badSecret, secretBody) = await Refresh(http, "errmsg", "wrong", "whatever");
        Assert.Equal(401, badSecret);
        Emu.AssertErrorBody(secretBody);

        var (noGrantType, noGrantBody) = await Token(http, ("client_id", "errmsg"), ("client_secret", "s"));
        Assert.Equal(400, noGrantType);
        Emu.AssertErrorBody(noGrantBody);

        // A successful exchange is unchanged, and the default client keeps the RFC 6749 body.
        Assert.True((await CodeGrant(http, "errmsg", "s")).TryGetProperty("refresh_token", out _));
        var (rfcStatus, rfc) = await Refresh(http, "emulator-client", "emulator-secret", "no-such-refresh-token");
        Assert.Equal(400, rfcStatus);
        Assert.Equal("invalid_grant", rfc.GetProperty("error").GetString());
        Assert.False(rfc.TryGetProperty("errmsg", out _));
    }
}
