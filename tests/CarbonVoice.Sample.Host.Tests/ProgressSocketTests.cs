using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using CarbonVoice.Sample.Host.Tests.Infrastructure;

namespace CarbonVoice.Sample.Host.Tests;

public sealed class ProgressSocketTests : IDisposable
{
    private const string Api = "/api/connectors/carbonvoice";
    private readonly SampleHostFactory _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task A_tenant_watches_its_own_sync_and_ingestion_to_100_percent()
    {
        var id = await _host.ConnectAsync();
        using var socket = await ConnectAsync(SampleHostFactory.TenantAKey, "tenant-a");
        Assert.Equal("hello", (await ProgressSocket.ReceiveAsync(socket)).GetProperty("type").GetString());

        using var client = _host.Tenant(SampleHostFactory.TenantAKey);
        using var started = await client.PostAsync($"{Api}/{id}/sync", null);
        var runId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sync_log_id").GetString();

        var sync = await ProgressSocket.ReadUntilAsync(socket, m => m.GetProperty("type").GetString() == "sync_progress" && m.GetProperty("status").GetString() != "running");
        Assert.Equal(runId, sync.Last().GetProperty("sync_log_id").GetString());
        Assert.Equal("succeeded", sync.Last().GetProperty("status").GetString());
        Assert.Equal(100, sync.Last().GetProperty("percent").GetDouble());
        Assert.Contains(sync, m => m.GetProperty("phase").GetString() == "messages");
        Assert.All(sync, m => Assert.Equal(id, m.GetProperty("connector_id").GetString()));

        var ingest = await ProgressSocket.ReadUntilAsync(socket, m => m.GetProperty("type").GetString() == "ingest_progress" && m.GetProperty("status").GetString() != "running");
        Assert.Equal("succeeded", ingest.Last().GetProperty("status").GetString());
        Assert.Equal(100, ingest.Last().GetProperty("percent").GetDouble());

        // The last message counts the records the ingestion read, not records plus the chunks it wrote.
        var ingestionId = ingest.Last().GetProperty("sync_log_id").GetString();
        var run = await client.GetFromJsonAsync<JsonElement>($"{Api}/{id}/sync/{ingestionId}");
        var recordsRead = run.GetProperty("entity_counts").EnumerateObject().Where(e => e.Name != "chunk").Sum(e => e.Value.GetProperty("fetched").GetInt64());
        Assert.True(run.GetProperty("entity_counts").TryGetProperty("chunk", out _), "the ingestion counts its chunks");
        Assert.Equal(recordsRead, run.GetProperty("records_fetched").GetInt64());
        Assert.Equal(recordsRead, ingest.Last().GetProperty("processed").GetInt64());
        Assert.Equal(ingest.Last().GetProperty("processed").GetInt64(), ingest.Last().GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task A_tenant_cannot_watch_another_tenant()
    {
        var exception = await Assert.ThrowsAnyAsync<Exception>(() => ConnectAsync(SampleHostFactory.TenantAKey, "tenant-b"));
        Assert.Contains("403", exception.Message, StringComparison.Ordinal);
        var anonymous = await Assert.ThrowsAnyAsync<Exception>(() => ConnectAsync(null, "tenant-a"));
        Assert.Contains("401", anonymous.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Progress_of_one_tenant_never_reaches_another_tenants_socket()
    {
        var a = await _host.ConnectAsync(SampleHostFactory.TenantAKey, "acme");
        var b = await _host.ConnectAsync(SampleHostFactory.TenantBKey, "globex");
        using var watcherB = await ConnectAsync(SampleHostFactory.TenantBKey, "tenant-b");
        await ProgressSocket.ReceiveAsync(watcherB); // hello

        using var clientA = _host.Tenant(SampleHostFactory.TenantAKey);
        using (var started = await clientA.PostAsync($"{Api}/{a}/sync", null))
        {
            var runId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sync_log_id").GetString()!;
            await SampleHostFactory.WaitForRunAsync(clientA, a, runId);
        }

        // Tenant B's own sync: every message B's socket got so far is about B's connector.
        using var clientB = _host.Tenant(SampleHostFactory.TenantBKey);
        using var startedB = await clientB.PostAsync($"{Api}/{b}/sync", null);
        var received = await ProgressSocket.ReadUntilAsync(watcherB, m => m.GetProperty("type").GetString() == "sync_progress" && m.GetProperty("status").GetString() != "running");
        Assert.All(received, m => Assert.Equal(b, m.GetProperty("connector_id").GetString()));
    }

    [Fact]
    public async Task A_plain_http_request_to_the_socket_is_a_400_problem()
    {
        using var client = _host.Tenant(SampleHostFactory.TenantAKey);
        using var response = await client.GetAsync("/ws/tenant-a");
        await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
    }

    private async Task<WebSocket> ConnectAsync(string? apiKey, string tenant)
        => apiKey is null
            ? await _host.Server.CreateWebSocketClient().ConnectAsync(new Uri($"ws://localhost/ws/{tenant}"), CancellationToken.None)
            : await _host.OpenProgressAsync(apiKey, tenant);
}
