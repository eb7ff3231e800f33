using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using CarbonVoice.Sample.Host.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace CarbonVoice.Sample.Host.Tests;

/// <summary>
/// The real host on Kestrel (127.0.0.1, random port) with the embedded emulator on its own loopback port: the OAuth
/// redirect is followed by an ordinary HttpClient, progress is read from a real ClientWebSocket, and webhooks come
/// from the emulator over HTTP.
/// </summary>
public sealed class LoopbackEndToEndTests
{
    private const string Api = "/api/connectors/carbonvoice";

    [Fact]
    public async Task Connect_sync_ingest_and_watch_progress_over_real_sockets()
    {
        await using var host = LoopbackHost.Start();
        var baseAddress = host.BaseAddress;
        Assert.Equal("127.0.0.1", baseAddress.Host);
        using var api = new HttpClient { BaseAddress = baseAddress };
        api.DefaultRequestHeaders.Add("X-Api-Key", SampleHostFactory.TenantAKey);
        using (var raw = await api.GetAsync($"{Api}/info"))
        {
            // Kestrel's Server header is dropped; the security headers are on real sockets too.
            Assert.False(raw.Headers.Contains("Server"));
            Assert.Contains("frame-ancestors 'none'", string.Join(';', raw.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        }

        var info = await api.GetFromJsonAsync<JsonElement>($"{Api}/info");
        var authorizationServer = new Uri(info.GetProperty("authorization_server").GetString()!);
        Assert.Equal("127.0.0.1", authorizationServer.Host);
        Assert.NotEqual(baseAddress.Port, authorizationServer.Port);

        // Progress socket first, so that the whole run is seen.
        using var socket = new ClientWebSocket();
        var ticket = await (await api.PostAsync($"{Api}/progress/tickets", null)).Content.ReadFromJsonAsync<JsonElement>();
        await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{baseAddress.Port}{ticket.GetProperty("url").GetString()}"), CancellationToken.None);
        Assert.Equal("hello", (await ProgressSocket.ReceiveAsync(socket)).GetProperty("type").GetString());

        // The browser part of OAuth: a plain client that follows redirects (emulator authorize → host callback → page).
        // The browser calls /oauth/start itself (as the page does): its cookie binds the authorization to it.
        using var browser = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = true, UseCookies = true });
        using var startRequest = new HttpRequestMessage(HttpMethod.Post, new Uri(baseAddress, $"{Api}/oauth/start?company_id=acme"));
        startRequest.Headers.Add("X-Api-Key", SampleHostFactory.TenantAKey);
        using var startResponse = await browser.SendAsync(startRequest);
        var start = await startResponse.Content.ReadFromJsonAsync<JsonElement>();
        var authorizationUrl = new Uri(start.GetProperty("authorization_url").GetString()!);
        Assert.Equal(authorizationServer.Port, authorizationUrl.Port);
        using var landing = await browser.GetAsync(authorizationUrl);
        Assert.Equal(HttpStatusCode.OK, landing.StatusCode);
        Assert.Equal(baseAddress.Port, landing.RequestMessage!.RequestUri!.Port);
        Assert.Contains("connected=", landing.RequestMessage.RequestUri.Query, StringComparison.Ordinal);
        Assert.Contains("id=\"connect\"", await landing.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var connector = Assert.Single((await api.GetFromJsonAsync<JsonElement>($"{Api}/?company_id=acme")).EnumerateArray());
        var id = connector.GetProperty("id").GetString()!;
        Assert.Equal("connected", connector.GetProperty("connector_status").GetString());

        // Sync; ingestion follows; both reach 100 % on the socket.
        using var sync = await api.PostAsync($"{Api}/{id}/sync", null);
        Assert.Equal(HttpStatusCode.Accepted, sync.StatusCode);
        var syncId = (await sync.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sync_log_id").GetString();
        var syncEnd = (await ProgressSocket.ReadRunAsync(socket, "sync_progress")).Last();
        Assert.Equal(syncId, syncEnd.GetProperty("sync_log_id").GetString());
        Assert.Equal("succeeded", syncEnd.GetProperty("status").GetString());
        Assert.Equal(100, syncEnd.GetProperty("percent").GetDouble());
        var ingestEnd = (await ProgressSocket.ReadRunAsync(socket, "ingest_progress")).Last();
        Assert.Equal("succeeded", ingestEnd.GetProperty("status").GetString());
        Assert.Equal(100, ingestEnd.GetProperty("percent").GetDouble());

        var chunks = await api.GetFromJsonAsync<JsonElement>($"{Api}/{id}/chunks?limit=3");
        Assert.True(chunks.GetProperty("total").GetInt64() > 0);

        // A message posted at "Carbon Voice" reaches the host by a real webhook delivery and a delta sync.
        var emulator = host.Factory.Emulator;
        var user = emulator.Data.Users[0];
        var conversation = emulator.Data.ConversationsIn(emulator.Data.WorkspacesOf(user.Id)[0].Id)[0];
        emulator.Control.PostMessage(conversation.Id, user.Id, "Loopback webhook message");
        await emulator.FlushWebhooksAsync();
        Assert.Contains(emulator.WebhookDeliveries, d => d.Url.Port == baseAddress.Port && d.Status == 200);
        var delta = (await ProgressSocket.ReadRunAsync(socket, "sync_progress")).Last();
        Assert.Equal("succeeded", delta.GetProperty("status").GetString());
        var run = await api.GetFromJsonAsync<JsonElement>($"{Api}/{id}/sync/{delta.GetProperty("sync_log_id").GetString()}");
        Assert.Equal("delta", run.GetProperty("sync_type").GetString());

        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
    }
}

/// <summary>The sample host on Kestrel at 127.0.0.1 (random port), embedded emulator on its own loopback port.</summary>
internal sealed class LoopbackHost : IAsyncDisposable
{
    private LoopbackHost(SampleHostFactory factory, Uri baseAddress)
    {
        Factory = factory;
        BaseAddress = baseAddress;
    }

    public SampleHostFactory Factory { get; }

    public Uri BaseAddress { get; }

    public static LoopbackHost Start(Action<SampleHostFactory>? configure = null)
    {
        var factory = new SampleHostFactory();
        factory.Settings["urls"] = "http://127.0.0.1:0";
        factory.Settings["Emulator:InProcess"] = "false";
        factory.Settings["Emulator:Port"] = "0";
        configure?.Invoke(factory);
        factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new LoopbackHost(factory, new Uri(address));
    }

    public async ValueTask DisposeAsync() => await Factory.DisposeAsync();
}
