using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CarbonVoice.Sample.Host.Tests.Infrastructure;
using CarbonVoice.Sdk;
using Microsoft.Extensions.DependencyInjection;

namespace CarbonVoice.Sample.Host.Tests;

/// <summary>The real pipeline against the emulator while webhooks and refreshes write the connector's token.</summary>
public sealed class TokenRaceTests : IDisposable
{
    private const string Api = "/api/connectors/carbonvoice";
    private const int Webhooks = 300;
    private const int Refreshes = 25;
    private readonly SampleHostFactory _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Three_hundred_access_token_expired_webhooks_during_a_sync_and_refreshes_leave_the_connector_connected_with_the_current_refresh_token()
    {
        var id = await _host.ConnectAsync();
        var store = _host.Services.GetRequiredService<ITokenStore>();
        var provider = _host.Services.GetRequiredService<IAccessTokenProvider>();
        var userId = _host.Emulator.Data.Users[0].Id;
        using var tenant = _host.Tenant(SampleHostFactory.TenantAKey);
        using var webhookClient = _host.CreateClient();
        webhookClient.DefaultRequestHeaders.Add("X-Webhook-Secret", SampleHostFactory.WebhookSecret);

        using var start = await tenant.PostAsync($"{Api}/{id}/sync", null);
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        var runId = (await start.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sync_log_id").GetString()!;

        var webhooks = Enumerable.Range(0, Webhooks).Select(i => Task.Run(async () =>
        {
            // Each delivery is distinct (no resource timestamp: keyed on its canonical body).
            var body = "{\"eventName\":\"access_token.expired\",\"subscribedUserIds\":[\"" + userId + "\"],\"data\":{\"eventName\":\"access_token.expired\",\"resourceType\":\"User\",\"resourceId\":\"" + userId + "\",\"resource\":{\"n\":" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}}}";
            using var response = await webhookClient.PostAsync($"{Api}/webhook", new StringContent(body, Encoding.UTF8, "application/json"));
            return response.StatusCode;
        })).ToList();
        var refreshes = Task.Run(async () =>
        {
            for (var i = 0; i < Refreshes; i++)
            {
                var current = (await store.GetAsync(id))!;
                await provider.RefreshAccessTokenAsync(id, current.AccessToken);
            }
        });
        var statuses = await Task.WhenAll(webhooks);
        await refreshes;
        var run = await SampleHostFactory.WaitForRunAsync(tenant, id, runId);

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal("succeeded", run.GetProperty("status").GetString());
        Assert.Equal("connected", (await tenant.GetFromJsonAsync<JsonElement>($"{Api}/{id}")).GetProperty("connector_status").GetString());
        var tokenCalls = _host.Emulator.Requests.Where(r => r.Method == "POST" && r.PathAndQuery.StartsWith("/oauth/token", StringComparison.Ordinal)).ToList();
        Assert.True(tokenCalls.Count(r => r.Status == 200) > Refreshes, $"{tokenCalls.Count} token requests"); // the code exchange and every refresh
        Assert.DoesNotContain(tokenCalls, r => r.Status != 200); // no rotated refresh token was ever sent again

        // The stored refresh token is the current one: the emulator accepts it (and refuses every rotated one).
        var stored = (await store.GetAsync(id))!;
        await provider.RefreshAccessTokenAsync(id, stored.AccessToken);
        Assert.NotEqual(stored.RefreshToken, (await store.GetAsync(id))!.RefreshToken);
        Assert.Equal("connected", (await tenant.GetFromJsonAsync<JsonElement>($"{Api}/{id}")).GetProperty("connector_status").GetString());
    }

    [Fact]
    public async Task An_access_token_expired_webhook_that_read_the_token_before_a_refresh_does_not_write_the_old_one_back()
    {
        using var host = new SampleHostFactory();
        host.TestServices = services => services
            .AddSingleton(sp => new GatedTokenStore(sp.GetRequiredService<CarbonVoice.Sdk.Connector.AspNetCore.ConnectorTokenStore>()))
            .AddSingleton<ITokenStore>(sp => sp.GetRequiredService<GatedTokenStore>());
        var id = await host.ConnectAsync();
        var gated = host.Services.GetRequiredService<GatedTokenStore>();
        var provider = host.Services.GetRequiredService<IAccessTokenProvider>();
        var userId = host.Emulator.Data.Users[0].Id;
        var before = (await gated.GetAsync(id))!;

        // The webhook reads the token, then the SDK refreshes it (the emulator rotates the refresh token)...
        gated.HoldNextRead();
        using var client = host.CreateClient();
        client.DefaultRequestHeaders.Add("X-Webhook-Secret", SampleHostFactory.WebhookSecret);
        var body = "{\"eventName\":\"access_token.expired\",\"subscribedUserIds\":[\"" + userId + "\"],\"data\":{\"resourceType\":\"User\",\"resourceId\":\"" + userId + "\",\"resource\":{}}}";
        var webhook = client.PostAsync($"{Api}/webhook", new StringContent(body, Encoding.UTF8, "application/json"));
        await gated.HeldReadDone.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await provider.RefreshAccessTokenAsync(id, before.AccessToken);
        var refreshed = (await gated.GetAsync(id))!;
        Assert.NotEqual(before.RefreshToken, refreshed.RefreshToken);

        // ...and only then writes: the newer token is kept, the revoked refresh token is not put back.
        gated.Release();
        using var response = await webhook;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var after = (await gated.GetAsync(id))!;
        Assert.Equal(refreshed.RefreshToken, after.RefreshToken);
        await provider.RefreshAccessTokenAsync(id, after.AccessToken); // accepted: the stored refresh token is current
        using var tenant = host.Tenant(SampleHostFactory.TenantAKey);
        Assert.Equal("connected", (await tenant.GetFromJsonAsync<JsonElement>($"{Api}/{id}")).GetProperty("connector_status").GetString());
    }

    [Fact]
    public async Task Tokens_are_not_readable_as_plaintext_in_the_database_files()
    {
        var id = await _host.ConnectAsync();
        var store = _host.Services.GetRequiredService<ITokenStore>();
        var first = (await store.GetAsync(id))!;
        await _host.Services.GetRequiredService<IAccessTokenProvider>().RefreshAccessTokenAsync(id, first.AccessToken);
        var second = (await store.GetAsync(id))!;

        var files = Directory.GetFiles(Path.GetDirectoryName(_host.DatabasePath)!, Path.GetFileName(_host.DatabasePath) + "*");
        Assert.NotEmpty(files);
        var contents = files.Select(ReadShared).ToList();
        foreach (var secret in new[] { first.AccessToken, first.RefreshToken!, second.AccessToken, second.RefreshToken! })
        {
            Assert.All(contents, bytes => Assert.DoesNotContain(secret, Encoding.UTF8.GetString(bytes), StringComparison.Ordinal));
        }

        Assert.Contains(contents, bytes => Encoding.UTF8.GetString(bytes).Contains(id, StringComparison.Ordinal)); // the files were really read
    }

    private static byte[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
