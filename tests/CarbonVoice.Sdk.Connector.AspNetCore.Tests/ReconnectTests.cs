using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CarbonVoice.Sdk.Connector.AspNetCore.Tests.Infrastructure;

namespace CarbonVoice.Sdk.Connector.AspNetCore.Tests;

/// <summary>After a purge and a reconnect the connector starts over, and the API says so.</summary>
public sealed class ReconnectTests
{
    private const string Api = MinimalHost.Api;

    [Fact]
    public async Task After_a_purge_and_a_reconnect_POST_sync_answers_the_full_run_it_started()
    {
        await using var host = await MinimalHost.StartAsync();
        using var client = host.Client();
        var id = await host.ConnectAsync(client);
        await SyncAsync(client, id, expectedType: "full");

        // A sync after a sync is a delta…
        await SyncAsync(client, id, expectedType: "delta");

        // …but once the data and checkpoints are purged, the reconnected connector's default sync is a full one, and says so.
        using var disconnect = await client.DeleteAsync($"{Api}/{id}?purge_data=true");
        disconnect.EnsureSuccessStatusCode();
        Assert.Equal(id, await host.ConnectAsync(client));
        var run = await SyncAsync(client, id, expectedType: "full");
        Assert.Equal("full", run.GetProperty("sync_type").GetString());
    }

    private static async Task<JsonElement> SyncAsync(HttpClient client, string id, string expectedType)
    {
        using var sync = await client.PostAsync($"{Api}/{id}/sync", null);
        Assert.True(sync.StatusCode == HttpStatusCode.Accepted, $"POST /sync answered {(int)sync.StatusCode}: {await sync.Content.ReadAsStringAsync()}");
        var started = await sync.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(expectedType, started.GetProperty("sync_type").GetString());
        var run = await MinimalHost.WaitForRunAsync(client, id, started.GetProperty("sync_log_id").GetString()!);
        Assert.Equal("succeeded", run.GetProperty("status").GetString());
        return run;
    }
}
