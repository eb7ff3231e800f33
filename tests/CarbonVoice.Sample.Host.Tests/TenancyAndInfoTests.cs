using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CarbonVoice.Sample.Host.Tests.Infrastructure;

namespace CarbonVoice.Sample.Host.Tests;

public sealed class TenancyAndInfoTests(SampleHostFactory host) : IClassFixture<SampleHostFactory>
{
    [Fact]
    public async Task Info_describes_the_connector_for_the_callers_tenant()
    {
        using var client = host.Tenant(SampleHostFactory.TenantBKey);
        var info = await client.GetFromJsonAsync<JsonElement>("/api/connectors/carbonvoice/info");
        Assert.Equal("tenant-b", info.GetProperty("tenant_id").GetString());
        Assert.Equal("carbonvoice", info.GetProperty("connector_type").GetString());
        Assert.Equal("emulator", info.GetProperty("backend").GetString());
        Assert.Equal("X-Webhook-Secret", info.GetProperty("webhook_header_name").GetString());
        var keys = info.GetProperty("entities").EnumerateArray().Select(e => e.GetProperty("entity_key").GetString()).ToList();
        Assert.Contains("message", keys);
        Assert.Contains("action_item", keys);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    [InlineData("DEV-KEY-TENANT-A")]
    public async Task Every_tenant_route_refuses_a_missing_or_unknown_key_with_401_problem(string? key)
    {
        using var client = host.CreateClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
        }

        var id = new string('a', 32);
        foreach (var (method, path) in new[]
        {
            ("GET", "/info"), ("GET", "/?company_id=acme"), ("GET", $"/{id}"), ("PATCH", $"/{id}"), ("DELETE", $"/{id}"),
            ("POST", "/oauth/start?company_id=acme"), ("GET", $"/{id}/entities"), ("POST", $"/{id}/sync"),
            ("GET", $"/{id}/sync/run1"), ("POST", $"/{id}/ingest"), ("GET", $"/{id}/chunks"),
        })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), "/api/connectors/carbonvoice" + path);
            using var response = await client.SendAsync(request);
            var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.Unauthorized);
            Assert.Equal("Authentication required", problem.GetProperty("title").GetString());
        }
    }

    [Fact]
    public async Task An_api_key_in_the_query_string_is_never_accepted_not_even_on_the_websocket()
    {
        using var client = host.CreateClient();
        using var response = await client.GetAsync("/api/connectors/carbonvoice/info?api_key=" + SampleHostFactory.TenantAKey);
        await HttpAssert.ProblemAsync(response, HttpStatusCode.Unauthorized);
        var socket = host.Server.CreateWebSocketClient();
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => socket.ConnectAsync(new Uri($"ws://localhost/ws/tenant-a?api_key={SampleHostFactory.TenantAKey}"), CancellationToken.None));
        Assert.Contains("401", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_tenant_cannot_read_change_sync_ingest_or_disconnect_another_tenants_connector()
    {
        var connectorId = await host.ConnectAsync(SampleHostFactory.TenantAKey, "isolation");
        using var b = host.Tenant(SampleHostFactory.TenantBKey);
        using var a = host.Tenant(SampleHostFactory.TenantAKey);

        Assert.Empty((await b.GetFromJsonAsync<JsonElement>("/api/connectors/carbonvoice/?company_id=isolation")).EnumerateArray());
        foreach (var (method, path, body) in new (string, string, object?)[]
        {
            ("GET", $"/{connectorId}", null),
            ("PATCH", $"/{connectorId}", new { name = "stolen" }),
            ("GET", $"/{connectorId}/entities", null),
            ("POST", $"/{connectorId}/sync", null),
            ("POST", $"/{connectorId}/ingest", null),
            ("GET", $"/{connectorId}/chunks", null),
            ("GET", $"/{connectorId}/sync/anything", null),
            ("DELETE", $"/{connectorId}?purge_data=true", null),
        })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), "/api/connectors/carbonvoice" + path);
            if (body is not null)
            {
                request.Content = JsonContent.Create(body);
            }

            using var response = await b.SendAsync(request);
            var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.NotFound);
            Assert.Equal("Connector not found", problem.GetProperty("title").GetString());
        }

        // Nothing changed for its owner.
        var connector = await a.GetFromJsonAsync<JsonElement>($"/api/connectors/carbonvoice/{connectorId}");
        Assert.Equal("connected", connector.GetProperty("connector_status").GetString());
        Assert.StartsWith("Carbon Voice – ", connector.GetProperty("name").GetString(), StringComparison.Ordinal);
        Assert.Equal("tenant-a", connector.GetProperty("tenant_id").GetString());
    }

    [Fact]
    public async Task The_openapi_document_lists_the_routes()
    {
        using var client = host.CreateClient();
        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        foreach (var expected in new[]
        {
            "/api/connectors/carbonvoice/info", "/api/connectors/carbonvoice", "/api/connectors/carbonvoice/{connector_id}",
            "/api/connectors/carbonvoice/oauth/start", "/api/connectors/carbonvoice/{connector_id}/entities",
            "/api/connectors/carbonvoice/{connector_id}/sync", "/api/connectors/carbonvoice/{connector_id}/sync/{sync_log_id}",
            "/api/connectors/carbonvoice/{connector_id}/ingest", "/api/connectors/carbonvoice/{connector_id}/chunks",
            "/api/connectors/carbonvoice/webhook",
        })
        {
            Assert.Contains(expected, paths);
        }

        var text = document.GetRawText();
        Assert.Contains("connector_status", text, StringComparison.Ordinal);
        Assert.Contains("sync_log_id", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_and_its_api_client_are_served()
    {
        using var client = host.CreateClient();
        var page = await client.GetStringAsync("/");
        Assert.Contains("id=\"connect\"", page, StringComparison.Ordinal);
        Assert.Contains("id=\"progress-bar\"", page, StringComparison.Ordinal);
        var api = await client.GetStringAsync("/js/carbonvoiceApi.js");
        Assert.Contains("startOAuth", api, StringComparison.Ordinal);
        Assert.Contains("watchProgress", api, StringComparison.Ordinal);
    }
}
