using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CarbonVoice.Sdk.Connector.AspNetCore.Tests.Infrastructure;

namespace CarbonVoice.Sdk.Connector.AspNetCore.Tests;

/// <summary>The guide's routes on a host built from the package alone: connect, sync, chunks, disconnect.</summary>
public sealed class RouteTests
{
    private const string Api = MinimalHost.Api;

    [Fact]
    public async Task A_minimal_host_connects_through_OAuth_syncs_lists_chunks_and_disconnects()
    {
        await using var host = await MinimalHost.StartAsync();
        using var client = host.Client();

        var id = await host.ConnectAsync(client);
        var connector = await client.GetFromJsonAsync<JsonElement>($"{Api}/{id}");
        Assert.Equal("connected", connector.GetProperty("connector_status").GetString());
        Assert.Equal("tenant-1", connector.GetProperty("tenant_id").GetString());

        using var sync = await client.PostAsync($"{Api}/{id}/sync", null);
        Assert.Equal(HttpStatusCode.Accepted, sync.StatusCode);
        var started = await sync.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("full", started.GetProperty("sync_type").GetString());
        var run = await MinimalHost.WaitForRunAsync(client, id, started.GetProperty("sync_log_id").GetString()!);
        Assert.Equal("succeeded", run.GetProperty("status").GetString());
        Assert.True(run.GetProperty("records_fetched").GetInt64() > 0);

        // The ingestion follows the sync: chunks appear without a second call.
        await MinimalHost.WaitUntilAsync(
            async () => (await client.GetFromJsonAsync<JsonElement>($"{Api}/{id}/chunks?limit=5")).GetProperty("total").GetInt64() > 0, "chunks");
        var page = await client.GetFromJsonAsync<JsonElement>($"{Api}/{id}/chunks?limit=5");
        Assert.InRange(page.GetProperty("items").GetArrayLength(), 1, 5);

        using var disconnect = await client.DeleteAsync($"{Api}/{id}?purge_data=true");
        Assert.Equal(HttpStatusCode.OK, disconnect.StatusCode);
        var answer = await disconnect.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("disconnected", answer.GetProperty("connector").GetProperty("connector_status").GetString());
        Assert.True(answer.GetProperty("data_purged").GetBoolean());
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>($"{Api}/{id}/chunks")).GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Another_tenant_sees_no_connector_and_an_anonymous_caller_is_refused()
    {
        await using var host = await MinimalHost.StartAsync();
        using var owner = host.Client();
        var id = await host.ConnectAsync(owner);

        using var other = host.Client("tenant-2");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"{Api}/{id}")).StatusCode);
        using var anonymous = host.Client(tenant: null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"{Api}/{id}")).StatusCode);
    }

    [Fact]
    public async Task The_OpenAPI_document_lists_every_route_of_the_guide_the_OAuth_callback_included()
    {
        await using var host = await MinimalHost.StartAsync();
        using var client = host.Client(tenant: null);
        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = document.GetProperty("paths");

        foreach (var (path, method) in new[]
        {
            ("/oauth/start", "post"), ("/oauth/callback", "get"), ("/webhook", "post"), ("/info", "get"), ("", "get"),
            ("/{connector_id}", "get"), ("/{connector_id}", "patch"), ("/{connector_id}", "delete"), ("/{connector_id}/entities", "get"),
            ("/{connector_id}/sync", "post"), ("/{connector_id}/sync/{sync_log_id}", "get"), ("/{connector_id}/ingest", "post"),
            ("/{connector_id}/chunks", "get"), ("/progress/tickets", "post"),
        })
        {
            Assert.True(paths.TryGetProperty(Api + path, out var item), $"{Api}{path} is missing from the OpenAPI document.");
            Assert.True(item.TryGetProperty(method, out _), $"{method.ToUpperInvariant()} {Api}{path} is missing from the OpenAPI document.");
        }
    }

    [Fact]
    public async Task The_links_the_API_hands_out_follow_the_mapped_routes()
    {
        await using var host = await MinimalHost.StartAsync();
        using var client = host.Client();
        using var ticket = await client.PostAsync($"{Api}/progress/tickets", null);
        var url = (await ticket.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString()!;
        Assert.StartsWith("/ws/tenant-1?ticket=", url, StringComparison.Ordinal);
        var info = await client.GetFromJsonAsync<JsonElement>($"{Api}/info");
        Assert.Equal($"{Api}/webhook", info.GetProperty("webhook_path").GetString());
    }
}
