using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CarbonVoice.Sdk.Connector;
using CarbonVoice.Sdk.Connector.Tests.Conformance;
using static CarbonVoice.Sample.Host.Tests.Infrastructure.ProgressSocket;

namespace CarbonVoice.Sample.Host.Scale.Tests;

/// <summary>Two sample host instances over one PostgreSQL (in-process runs, or queue mode with a worker): webhooks, syncs and progress.</summary>
public sealed class MultiHostTests
{
    private const string Postgres = TestServers.PostgreSqlVariable;
    private const string Azurite = TestServers.AzuriteVariable;

    [ServersFact(Postgres, Azurite)]
    public async Task In_queue_mode_a_sync_started_on_one_host_runs_on_a_worker_and_its_progress_reaches_both_hosts_websockets()
    {
        await using var scaled = await ScaledHosts.StartAsync(hosts: 2, queued: true);
        var id = await scaled.ConnectAsync();
        using var socketA = await scaled.Hosts[0].OpenProgressAsync();
        using var socketB = await scaled.Hosts[1].OpenProgressAsync();
        Assert.Equal("hello", (await ReceiveAsync(socketA)).GetProperty("type").GetString());
        Assert.Equal("hello", (await ReceiveAsync(socketB)).GetProperty("type").GetString());

        using var client = scaled.Hosts[0].Tenant();
        using var started = await client.PostAsJsonAsync($"/api/connectors/carbonvoice/{id}/sync", new { sync_type = "full" });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var runId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sync_log_id").GetString()!;

        // Host A reports it as its own run; host B relays what the worker writes to the store. Both end with "succeeded".
        foreach (var socket in new[] { socketA, socketB })
        {
            var messages = await ReadUntilAsync(socket, m => m.GetProperty("type").GetString() == "sync_progress" && m.GetProperty("sync_log_id").GetString() == runId && m.GetProperty("status").GetString() != "running");
            Assert.Equal("succeeded", messages[^1].GetProperty("status").GetString());
            Assert.Contains(messages, m => m.GetProperty("sync_log_id").GetString() == runId && m.GetProperty("status").GetString() == "running");
        }

        await scaled.WaitUntilQuietAsync(id, minimumRuns: 2);
        var runs = await scaled.RunsAsync(id);
        Assert.Equal(SyncRunStatus.Succeeded, runs.Single(r => r.Id == runId).Status);
        Assert.Contains(runs, r => r.Kind == SyncKind.Ingestion && r.Status == SyncRunStatus.Succeeded); // queued by the worker's sync
        using var connector = await client.GetAsync($"/api/connectors/carbonvoice/{id}");
        Assert.Equal(runId, (await connector.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("last_sync_log_id").GetString());
    }

    [ServersFact(Postgres, Azurite)]
    public async Task In_queue_mode_a_webhook_delivered_to_either_host_triggers_one_delta()
        => await OneDeltaPerWebhookAsync(queued: true);

    [ServersFact(Postgres)]
    public async Task With_in_process_runs_a_webhook_delivered_to_either_host_triggers_one_delta()
        => await OneDeltaPerWebhookAsync(queued: false);

    private static async Task OneDeltaPerWebhookAsync(bool queued)
    {
        await using var scaled = await ScaledHosts.StartAsync(hosts: 2, queued);
        var id = await scaled.ConnectAsync();
        using (var client = scaled.Hosts[1].Tenant())
        {
            using var full = await client.PostAsJsonAsync($"/api/connectors/carbonvoice/{id}/sync", new { sync_type = "full" });
            Assert.Equal(HttpStatusCode.Accepted, full.StatusCode);
        }

        await scaled.WaitUntilQuietAsync(id, minimumRuns: 2);
        var user = scaled.Emulator.Data.Users[0].Id;
        var conversation = scaled.Emulator.Data.ConversationsIn(scaled.Emulator.Data.WorkspacesOf(user)[0].Id)[0].Id;

        // The same delivery reaches both instances at once (a retry landing elsewhere): one processes it, the other sees a duplicate.
        var body = ScaledHosts.MessageWebhook(user, conversation, "m-webhook-1");
        var answers = await Task.WhenAll(scaled.Hosts.Select(async host =>
        {
            using var response = await host.PostWebhookAsync(body);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString();
        }));
        Assert.Equal(["duplicate", "processed"], answers.Order(StringComparer.Ordinal));

        await scaled.WaitUntilQuietAsync(id, minimumRuns: 3);
        var runs = await scaled.RunsAsync(id);
        var delta = Assert.Single(runs, r => r.Kind == SyncKind.Delta);
        Assert.Equal(SyncRunStatus.Succeeded, delta.Status);
    }
}
