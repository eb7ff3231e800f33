using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CarbonVoice.Sample.Host.Tests.Infrastructure;
using CarbonVoice.Sdk;
using CarbonVoice.Sdk.Connector;
using Microsoft.Extensions.DependencyInjection;

namespace CarbonVoice.Sample.Host.Tests;

/// <summary>The real connector pipeline (SQLite stores, sync and ingestion services) against the in-process emulator.</summary>
public sealed class PipelineTests : IDisposable
{
    private const string Api = "/api/connectors/carbonvoice";
    private readonly SampleHostFactory _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Sync_then_ingestion_fill_the_entities_and_the_chunk_browser()
    {
        var id = await _host.ConnectAsync();
        using var client = _host.Tenant(SampleHostFactory.TenantAKey);
        var run = await SyncAsync(client, id);
        Assert.Equal("succeeded", run.GetProperty("status").GetString());
        Assert.Equal("full", run.GetProperty("sync_type").GetString());
        Assert.True(run.GetProperty("entity_counts").GetProperty("message").GetProperty("new").GetInt64() > 0);

        // Ingestion follows the sync on its own; wait until it has produced chunks.
        // (More than a page: the first chunks are visible while the ingestion is still writing the rest.)
        await SampleHostFactory.WaitUntilAsync(async () => (await ChunksAsync(client, id)).GetProperty("total").GetInt64() > 5, "chunks after the automatic ingestion");
        var page = await ChunksAsync(client, id, "?limit=5");
        Assert.Equal(5, page.GetProperty("items").GetArrayLength());
        var chunk = page.GetProperty("items")[0];
        Assert.False(string.IsNullOrWhiteSpace(chunk.GetProperty("text").GetString()));
        Assert.True(chunk.GetProperty("token_count").GetInt32() is > 0 and <= 512);
        var next = await ChunksAsync(client, id, "?limit=5&continuation_token=" + Uri.EscapeDataString(page.GetProperty("continuation_token").GetString()!));
        Assert.NotEqual(chunk.GetProperty("chunk_id").GetString(), next.GetProperty("items")[0].GetProperty("chunk_id").GetString());
        var pillar = await ChunksAsync(client, id, "?pillar=customer_health");
        Assert.All(pillar.GetProperty("items").EnumerateArray(), c => Assert.Equal("customer_health", c.GetProperty("pillar").GetString()));

        // A manual ingestion (once the automatic one is done) succeeds over unchanged data and writes nothing new.
        JsonElement? manual = null;
        await SampleHostFactory.WaitUntilAsync(async () => (manual = await TryIngestAsync(client, id)) is not null, "a manual ingestion to start");
        Assert.Equal("succeeded", manual!.Value.GetProperty("status").GetString());
        Assert.Equal("ingestion", manual.Value.GetProperty("sync_type").GetString());
        Assert.Equal(0, manual.Value.GetProperty("records_created").GetInt64());

        // Read once both ingestions are done: earlier, the automatic one may still be writing (message chunks come after others).
        var entities = (await client.GetFromJsonAsync<JsonElement>($"{Api}/{id}/entities")).EnumerateArray().ToDictionary(e => e.GetProperty("entity_key").GetString()!);
        Assert.True(entities["message"].GetProperty("record_count").GetInt64() > 0);
        Assert.True(entities["workspace"].GetProperty("record_count").GetInt64() > 0);
        Assert.True(entities["message"].GetProperty("chunk_count").GetInt64() > 0);
    }

    [Fact]
    public async Task Chunks_validates_its_query()
    {
        var id = await _host.ConnectAsync();
        using var client = _host.Tenant(SampleHostFactory.TenantAKey);
        foreach (var query in new[] { "?limit=0", "?limit=201", "?entity_type=voicemail", "?continuation_token=%25%25%25" })
        {
            using var response = await client.GetAsync($"{Api}/{id}/chunks{query}");
            await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        }

        Assert.Equal(0, (await ChunksAsync(client, id)).GetProperty("total").GetInt64());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Disconnect_deletes_the_raw_records_chunks_and_sync_state_only_with_purge(bool purge)
    {
        var id = await _host.ConnectAsync();
        using var client = _host.Tenant(SampleHostFactory.TenantAKey);
        var runId = (await SyncAsync(client, id)).GetProperty("id").GetString();
        await SampleHostFactory.WaitUntilAsync(async () => (await ChunksAsync(client, id)).GetProperty("total").GetInt64() > 0, "chunks");
        await SampleHostFactory.WaitUntilAsync(async () => await TryIngestAsync(client, id) is not null, "the ingestion to finish");
        var tenant = (await client.GetFromJsonAsync<JsonElement>($"{Api}/{id}")).GetProperty("tenant_id").GetString()!;
        var state = _host.Services.GetRequiredService<ISyncStateStore>();
        var records = await StoredRecordCountAsync(client, id);
        var chunks = (await ChunksAsync(client, id)).GetProperty("total").GetInt64();
        var checkpoints = (await state.ListCheckpointsAsync(tenant, id, "")).Count;
        var watermark = await state.GetIngestionWatermarkAsync(tenant, id);
        Assert.True(records > 0 && checkpoints > 0 && watermark > 0);

        using var response = await client.DeleteAsync($"{Api}/{id}?purge_data={(purge ? "true" : "false")}");
        response.EnsureSuccessStatusCode();
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(purge, result.GetProperty("data_purged").GetBoolean());
        Assert.Equal(purge ? records : 0, result.GetProperty("raw_records_deleted").GetInt64());
        Assert.Equal(purge ? chunks : 0, result.GetProperty("chunks_deleted").GetInt64());
        Assert.Equal(purge ? checkpoints : 0, result.GetProperty("checkpoints_deleted").GetInt64());

        // Purged means gone, tombstones included; otherwise everything stays.
        Assert.Equal(purge ? 0 : records, await StoredRecordCountAsync(client, id));
        Assert.Equal(purge ? 0 : chunks, (await ChunksAsync(client, id)).GetProperty("total").GetInt64());
        Assert.Equal(purge ? 0 : checkpoints, (await state.ListCheckpointsAsync(tenant, id, "")).Count);
        Assert.Equal(purge ? 0 : watermark, await state.GetIngestionWatermarkAsync(tenant, id));

        // The sync log is history and stays either way.
        using var log = await client.GetAsync($"{Api}/{id}/sync/{runId}");
        Assert.Equal(HttpStatusCode.OK, log.StatusCode);
    }

    [Fact]
    public async Task A_refresh_token_the_service_refuses_ends_the_sync_as_expired_and_marks_the_connector()
    {
        var id = await _host.ConnectAsync();
        var token = (await _host.Services.GetRequiredService<ITokenStore>().GetAsync(id))!;
        _host.Emulator.ExpireAccessToken(token.AccessToken);
        _host.Emulator.RevokeRefreshToken(token.RefreshToken!);
        using var client = _host.Tenant(SampleHostFactory.TenantAKey);
        var run = await SyncAsync(client, id);
        Assert.Equal("expired", run.GetProperty("status").GetString());
        await SampleHostFactory.WaitUntilAsync(
            async () => (await client.GetFromJsonAsync<JsonElement>($"{Api}/{id}")).GetProperty("connector_status").GetString() == "expired",
            "the connector to be expired");

        // Re-authorizing brings it back: connected → expired → connected.
        Assert.Equal(id, await _host.ConnectAsync());
        Assert.Equal("connected", (await client.GetFromJsonAsync<JsonElement>($"{Api}/{id}")).GetProperty("connector_status").GetString());
    }

    [Fact]
    public async Task A_message_posted_at_carbon_voice_reaches_the_host_by_webhook_and_is_synced_by_a_delta()
    {
        var id = await _host.ConnectAsync();
        using var client = _host.Tenant(SampleHostFactory.TenantAKey);
        var full = (await SyncAsync(client, id)).GetProperty("id").GetString();
        await SampleHostFactory.WaitUntilAsync(async () => await LastSyncAsync(client, id) == full, "the full sync to be recorded");
        var emulator = _host.Emulator;
        emulator.Options.Webhooks.Handler = _host.Server.CreateHandler();
        var user = emulator.Data.Users[0];
        emulator.SubscribeWebhook(user.Id, new Uri("http://localhost/api/connectors/carbonvoice/webhook"), "message.*");
        var conversation = emulator.Data.ConversationsIn(emulator.Data.WorkspacesOf(user.Id)[0].Id)[0];
        var before = await MessageCountAsync(client, id);

        emulator.Control.PostMessage(conversation.Id, user.Id, "A brand new voice message about the renewal.");
        await emulator.FlushWebhooksAsync();
        var deliveries = emulator.WebhookDeliveries.Where(d => d.EventName.StartsWith("message.", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(deliveries);
        Assert.All(deliveries, d => Assert.Equal(200, d.Status));

        await SampleHostFactory.WaitUntilAsync(async () => await LastSyncAsync(client, id) != full, "a webhook-triggered sync to finish");
        var last = await client.GetFromJsonAsync<JsonElement>($"{Api}/{id}/sync/{await LastSyncAsync(client, id)}");
        Assert.Equal("delta", last.GetProperty("sync_type").GetString());
        Assert.Equal("succeeded", last.GetProperty("status").GetString());
        Assert.Equal(before + 1, await MessageCountAsync(client, id));
    }

    private static async Task<JsonElement> SyncAsync(HttpClient client, string id)
    {
        using var response = await client.PostAsync($"{Api}/{id}/sync", null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var runId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sync_log_id").GetString()!;
        return await SampleHostFactory.WaitForRunAsync(client, id, runId);
    }

    private static async Task<string?> LastSyncAsync(HttpClient client, string id)
        => (await client.GetFromJsonAsync<JsonElement>($"{Api}/{id}")).GetProperty("last_sync_log_id").GetString();

    private static Task<JsonElement> ChunksAsync(HttpClient client, string id, string query = "")
        => client.GetFromJsonAsync<JsonElement>($"{Api}/{id}/chunks{query}");

    /// <summary>Every raw record of the connector, tombstones included, as the entities route counts them.</summary>
    private static async Task<long> StoredRecordCountAsync(HttpClient client, string id)
        => (await client.GetFromJsonAsync<JsonElement>($"{Api}/{id}/entities")).EnumerateArray()
            .Sum(e => e.GetProperty("record_count").GetInt64() + e.GetProperty("deleted_count").GetInt64());

    private static async Task<long> MessageCountAsync(HttpClient client, string id)
        => (await client.GetFromJsonAsync<JsonElement>($"{Api}/{id}/entities")).EnumerateArray()
            .Single(e => e.GetProperty("entity_key").GetString() == "message").GetProperty("record_count").GetInt64();

    /// <summary>Starts an ingestion and waits for it; null when one is already running (409).</summary>
    private static async Task<JsonElement?> TryIngestAsync(HttpClient client, string id)
    {
        using var response = await client.PostAsync($"{Api}/{id}/ingest", null);
        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            return null;
        }

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var runId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sync_log_id").GetString()!;
        return await SampleHostFactory.WaitForRunAsync(client, id, runId);
    }
}
