using System.Net;

namespace CarbonVoice.Sdk.Testing.Tests;

public sealed class KestrelTests
{
    [Fact]
    public async Task Server_answers_on_loopback_with_a_real_http_client()
    {
        var (emulator, _) = Emu.Create();
        await using var _e = emulator;
        await using var server = await emulator.StartServerAsync();
        Assert.Equal("127.0.0.1", server.BaseAddress.Host);
        Assert.NotEqual(0, server.BaseAddress.Port);
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new("Bearer", emulator.IssueTokens(emulator.Data.Users[0].Id).AccessToken);
        using var response = await client.GetAsync("/whoami");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.Contains("X-RateLimit-Remaining"));
        var body = await Emu.Json(response);
        Assert.Equal(emulator.Data.Users[0].Id, body.GetProperty("user").GetProperty("user_guid").GetString());

        var (_, metadata) = await Emu.GetJson(client, "/.well-known/oauth-authorization-server");
        Assert.Equal(new Uri(server.BaseAddress, "oauth/token").ToString(), metadata.GetProperty("token_endpoint").GetString());

        var (status, nest) = await Emu.PostJson(client, "/v5/messages/by-ids", """{"message_ids": []}""");
        Assert.Equal(400, status);
        Assert.Equal(400, nest.GetProperty("statusCode").GetInt32());

        emulator.Faults.Enqueue(FaultKind.ConnectionReset);
        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("/whoami"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/whoami")).StatusCode);
    }

    [Fact]
    public async Task Authorize_redirects_a_browser_with_code_and_state()
    {
        var (emulator, _) = Emu.Create(o => o.AutoApprove = true);
        await using var _e = emulator;
        await using var server = await emulator.StartServerAsync();
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = server.BaseAddress };
        using var response = await client.GetAsync("/oauth/authorize?client_id=emulator-client&response_type=code&redirect_uri=http%3A%2F%2Flocalhost%3A7777%2Fcb&state=st");
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.StartsWith("http://localhost:7777/cb?code=", response.Headers.Location!.ToString());
        Assert.EndsWith("&state=st", response.Headers.Location!.ToString());
    }
}
