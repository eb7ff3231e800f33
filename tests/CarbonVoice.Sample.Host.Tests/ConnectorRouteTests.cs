using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CarbonVoice.Sample.Host.Tests.Infrastructure;
using CarbonVoice.Sdk;
using Microsoft.Extensions.DependencyInjection;

namespace CarbonVoice.Sample.Host.Tests;

public sealed class ConnectorRouteTests(SampleHostFactory host) : IClassFixture<SampleHostFactory>
{
    private const string Api = "/api/connectors/carbonvoice";

    [Fact]
    public async Task List_shows_only_the_companys_connectors()
    {
        var one = await host.ConnectAsync(SampleHostFactory.TenantAKey, "list-one");
        using var client = host.Tenant(SampleHostFactory.TenantAKey);
        var list = (await client.GetFromJsonAsync<JsonElement>($"{Api}/?company_id=list-one")).EnumerateArray().ToList();
        Assert.Equal(one, Assert.Single(list).GetProperty("id").GetString());
        Assert.Equal("carbonvoice", list[0].GetProperty("connector_type").GetString());
        Assert.Empty((await client.GetFromJsonAsync<JsonElement>($"{Api}/?company_id=list-other")).EnumerateArray());
    }

    [Theory]
    [InlineData("")]
    [InlineData("?company_id=")]
    [InlineData("?company_id=%3Cscript%3E")]
    public async Task List_requires_a_valid_company(string query)
    {
        using var client = host.Tenant(SampleHostFactory.TenantAKey);
        using var response = await client.GetAsync($"{Api}/{query}");
        await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("GET", "")]
    [InlineData("PATCH", "")]
    [InlineData("DELETE", "")]
    [InlineData("GET", "/entities")]
    [InlineData("POST", "/sync")]
    [InlineData("GET", "/sync/run")]
    [InlineData("POST", "/ingest")]
    [InlineData("GET", "/chunks")]
    public async Task Connector_routes_answer_400_for_a_malformed_id_and_404_for_an_unknown_one(string method, string suffix)
    {
        using var client = host.Tenant(SampleHostFactory.TenantAKey);
        foreach (var (id, status) in new[] { ("not-an-id", HttpStatusCode.BadRequest), ("ABCDEF" + new string('0', 26), HttpStatusCode.BadRequest), (new string('0', 32), HttpStatusCode.NotFound) })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), $"{Api}/{id}{suffix}");
            if (method == "PATCH")
            {
                request.Content = JsonContent.Create(new { name = "x" });
            }

            using var response = await client.SendAsync(request);
            var problem = await HttpAssert.ProblemAsync(response, status);
            if (status == HttpStatusCode.BadRequest)
            {
                Assert.True(problem.GetProperty("errors").TryGetProperty("connector_id", out _));
            }
        }
    }

    [Fact]
    public async Task Patch_changes_the_name_and_the_entity_selection()
    {
        var id = await host.ConnectAsync(SampleHostFactory.TenantAKey, "patch");
        using var client = host.Tenant(SampleHostFactory.TenantAKey);
        using var response = await client.PatchAsJsonAsync($"{Api}/{id}", new { name = "Sales voice", enabled_entities = new[] { "message", "workspace", "message" } });
        response.EnsureSuccessStatusCode();
        var connector = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Sales voice", connector.GetProperty("name").GetString());
        Assert.Equal("workspace,message", string.Join(",", connector.GetProperty("enabled_entities").EnumerateArray().Select(e => e.GetString())));

        var entities = (await client.GetFromJsonAsync<JsonElement>($"{Api}/{id}/entities")).EnumerateArray().ToList();
        Assert.True(entities.Single(e => e.GetProperty("entity_key").GetString() == "message").GetProperty("enabled").GetBoolean());
        Assert.False(entities.Single(e => e.GetProperty("entity_key").GetString() == "action_item").GetProperty("enabled").GetBoolean());
    }

    [Theory]
    [InlineData("{\"enabled_entities\":[\"message\",\"voicemail\"]}", "enabled_entities")]
    [InlineData("{\"name\":\"  \"}", "name")]
    [InlineData("{}", "body")]
    public async Task Patch_validates_its_body(string body, string field)
    {
        var id = await host.ConnectAsync(SampleHostFactory.TenantAKey, "patch-bad");
        using var client = host.Tenant(SampleHostFactory.TenantAKey);
        using var response = await client.PatchAsync($"{Api}/{id}", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Patch_with_malformed_json_is_a_400_problem()
    {
        var id = await host.ConnectAsync(SampleHostFactory.TenantAKey, "patch-json");
        using var client = host.Tenant(SampleHostFactory.TenantAKey);
        using var response = await client.PatchAsync($"{Api}/{id}", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"));
        await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Entities_lists_every_definition_with_counts()
    {
        var id = await host.ConnectAsync(SampleHostFactory.TenantAKey, "entities");
        using var client = host.Tenant(SampleHostFactory.TenantAKey);
        var entities = (await client.GetFromJsonAsync<JsonElement>($"{Api}/{id}/entities")).EnumerateArray().ToList();
        Assert.Contains(entities, e => e.GetProperty("entity_key").GetString() == "carbonlink" && !e.GetProperty("enabled").GetBoolean());
        Assert.All(entities, e => Assert.Equal(0, e.GetProperty("record_count").GetInt64()));
        Assert.All(entities, e => Assert.True(e.TryGetProperty("chunk_count", out _)));
    }

    [Fact]
    public async Task Delete_revokes_the_token_and_disconnects()
    {
        var id = await host.ConnectAsync(SampleHostFactory.TenantAKey, "delete");
        var tokens = host.Services.GetRequiredService<ITokenStore>();
        var token = (await tokens.GetAsync(id))!;
        using var client = host.Tenant(SampleHostFactory.TenantAKey);
        using var response = await client.DeleteAsync($"{Api}/{id}");
        response.EnsureSuccessStatusCode();
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(result.GetProperty("token_revoked").GetBoolean());
        Assert.False(result.GetProperty("data_purged").GetBoolean());
        Assert.Equal("disconnected", result.GetProperty("connector").GetProperty("connector_status").GetString());
        Assert.Null(await tokens.GetAsync(id));

        // The emulator no longer accepts the revoked access token.
        using var emulator = new HttpClient(host.Emulator.CreateHandler()) { BaseAddress = host.Emulator.BaseAddress };
        emulator.DefaultRequestHeaders.Authorization = new("Bearer", token.AccessToken);
        using var whoami = await emulator.GetAsync("whoami");
        Assert.Equal(HttpStatusCode.Unauthorized, whoami.StatusCode);

        // Syncing a disconnected connector is a conflict.
        using var sync = await client.PostAsync($"{Api}/{id}/sync", null);
        var problem = await HttpAssert.ProblemAsync(sync, HttpStatusCode.Conflict);
        Assert.Equal("disconnected", problem.GetProperty("connector_status").GetString());
    }
}
