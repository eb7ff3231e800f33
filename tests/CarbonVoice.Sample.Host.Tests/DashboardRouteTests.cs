using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CarbonVoice.Sample.Host.Tests.Infrastructure;
using CarbonVoice.Sdk.Connector;
using Microsoft.Extensions.DependencyInjection;

namespace CarbonVoice.Sample.Host.Tests;

/// <summary>The dashboard's read-only routes: the sync history and the connector overview (pillars, active runs, rate limit).</summary>
public sealed class DashboardRouteTests
{
    private const string Api = "/api/connectors/carbonvoice";

    [Fact]
    public async Task After_a_sync_and_its_ingestion_the_overview_and_history_show_what_was_stored()
    {
        using var host = new SampleHostFactory();
        var id = await host.ConnectAsync();
        using var client = host.Tenant(SampleHostFactory.TenantAKey);

        // Before any run: no chunks, every named pillar at zero, no active run, no rate limit seen yet, an empty history.
        var before = await client.GetFromJsonAsync<JsonElement>($"{Api}/{id}/overview");
        Assert.Equal(0, before.GetProperty("chunk_count").GetInt64());
        Assert.Equal(["customer_health", "operational_maturity"], Pillars(before).Keys.Order(StringComparer.Ordinal));
        Assert.All(Pillars(before).Values, count => Assert.Equal(0, count));
        Assert.Equal(JsonValueKind.Null, before.GetProperty("active_sync").ValueKind);
        Assert.Equal(JsonValueKind.Null, before.GetProperty("rate_limit").ValueKind);
        Assert.True(before.GetProperty("ingests_after_sync").GetBoolean());
        Assert.Empty((await client.GetFromJsonAsync<JsonElement>($"{Api}/{id}/sync")).GetProperty("items").EnumerateArray());

        using var started = await client.PostAsync($"{Api}/{id}/sync", null);
        var syncId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sync_log_id").GetString()!;
        JsonElement history = default;
        await SampleHostFactory.WaitUntilAsync(
            async () =>
            {
                history = (await client.GetFromJsonAsync<JsonElement>($"{Api}/{id}/sync")).GetProperty("items");
                return history.GetArrayLength() == 2 && history.EnumerateArray().All(r => r.GetProperty("status").GetString() == "succeeded");
            },
            "the sync and the ingestion after it to succeed");

        // Newest first: the ingestion, then the full sync; each with a duration and its counts.
        var (ingestion, sync) = (history[0], history[1]);
        Assert.Equal(("ingestion", "full", syncId), (ingestion.GetProperty("sync_type").GetString(), sync.GetProperty("sync_type").GetString(), sync.GetProperty("id").GetString()));
        Assert.True(sync.GetProperty("duration_seconds").GetDouble() >= 0);
        Assert.True(sync.GetProperty("records_created").GetInt64() > 0);
        Assert.Equal(JsonValueKind.Null, sync.GetProperty("chunks_written").ValueKind);
        Assert.Equal(sync.GetProperty("records_fetched").GetInt64(), ingestion.GetProperty("records_fetched").GetInt64());

        // Chunks per pillar add up to the chunk total, which the first ingestion wrote and the chunk route counts too.
        var overview = await client.GetFromJsonAsync<JsonElement>($"{Api}/{id}/overview");
        var total = overview.GetProperty("chunk_count").GetInt64();
        Assert.True(total > 0);
        Assert.Equal(total, Pillars(overview).Values.Sum());
        Assert.Equal(total, ingestion.GetProperty("chunks_written").GetInt64());
        Assert.Equal(total, (await client.GetFromJsonAsync<JsonElement>($"{Api}/{id}/chunks?limit=1")).GetProperty("total").GetInt64());
        Assert.Equal(
            (await client.GetFromJsonAsync<JsonElement>($"{Api}/{id}/chunks?limit=1&pillar=customer_health")).GetProperty("total").GetInt64(),
            Pillars(overview)["customer_health"]);
        Assert.Equal(JsonValueKind.Null, overview.GetProperty("active_sync").ValueKind);
        Assert.Equal(JsonValueKind.Null, overview.GetProperty("active_ingestion").ValueKind);

        // The emulator's rate-limit headers, as the SDK last saw them for this connector.
        var rateLimit = overview.GetProperty("rate_limit");
        Assert.Equal(host.Emulator.Options.RateLimit.Limit, rateLimit.GetProperty("limit").GetInt32());
        Assert.InRange(rateLimit.GetProperty("remaining").GetInt32(), 0, host.Emulator.Options.RateLimit.Limit - 1);
        Assert.NotEqual(JsonValueKind.Null, rateLimit.GetProperty("observed_at").ValueKind);
    }

    [Fact]
    public async Task A_running_sync_is_named_in_the_overview_and_listed_without_an_end_until_it_finishes()
    {
        using var host = FakeRunner.CreateHost();
        var runner = host.Services.GetRequiredService<FakeRunner>();
        var id = await host.ConnectAsync();
        using var client = host.Tenant(SampleHostFactory.TenantAKey);
        runner.Hold();
        using var started = await client.PostAsync($"{Api}/{id}/sync", null);
        var runId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sync_log_id").GetString()!;
        await runner.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));

        var overview = await client.GetFromJsonAsync<JsonElement>($"{Api}/{id}/overview");
        Assert.Equal(runId, overview.GetProperty("active_sync").GetProperty("sync_log_id").GetString());
        Assert.Equal(JsonValueKind.Null, overview.GetProperty("active_ingestion").ValueKind);
        Assert.False(overview.GetProperty("ingests_after_sync").GetBoolean());
        var running = (await client.GetFromJsonAsync<JsonElement>($"{Api}/{id}/sync")).GetProperty("items")[0];
        Assert.Equal(("running", JsonValueKind.Null, JsonValueKind.Null), (running.GetProperty("status").GetString(), running.GetProperty("completed_at").ValueKind, running.GetProperty("duration_seconds").ValueKind));

        runner.Release();
        await SampleHostFactory.WaitForRunAsync(client, id, runId);
        await SampleHostFactory.WaitUntilAsync(
            async () => (await client.GetFromJsonAsync<JsonElement>($"{Api}/{id}/overview")).GetProperty("active_sync").ValueKind == JsonValueKind.Null,
            "the sync lease to be released");
        var done = (await client.GetFromJsonAsync<JsonElement>($"{Api}/{id}/sync?limit=1")).GetProperty("items");
        Assert.Equal(1, done.GetArrayLength());
        Assert.Equal(("succeeded", 10), (done[0].GetProperty("status").GetString(), done[0].GetProperty("records_created").GetInt64()));
    }

    [Fact]
    public async Task After_a_purge_the_overview_counts_nothing_while_the_history_stays()
    {
        using var host = new SampleHostFactory();
        var id = await host.ConnectAsync();
        using var client = host.Tenant(SampleHostFactory.TenantAKey);
        await SyncAndIngestAsync(client, id);

        using var purge = await client.DeleteAsync($"{Api}/{id}?purge_data=true");
        purge.EnsureSuccessStatusCode();
        var overview = await client.GetFromJsonAsync<JsonElement>($"{Api}/{id}/overview");
        Assert.Equal(0, overview.GetProperty("chunk_count").GetInt64());
        Assert.All(Pillars(overview).Values, count => Assert.Equal(0, count));
        Assert.Equal(2, (await client.GetFromJsonAsync<JsonElement>($"{Api}/{id}/sync")).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Chunks_of_a_pillar_the_mapping_does_not_name_are_counted_as_other()
    {
        using var host = new SampleHostFactory { TestServices = services => services.AddSingleton<IPillarMapper>(new FixedPillarMapper("finance")) };
        var id = await host.ConnectAsync();
        using var client = host.Tenant(SampleHostFactory.TenantAKey);
        await SyncAndIngestAsync(client, id);

        var overview = await client.GetFromJsonAsync<JsonElement>($"{Api}/{id}/overview");
        var pillars = Pillars(overview);
        Assert.True(overview.GetProperty("chunk_count").GetInt64() > 0);
        Assert.Equal(overview.GetProperty("chunk_count").GetInt64(), pillars["other"]);
        Assert.Equal(0, pillars["customer_health"] + pillars["operational_maturity"]);
    }

    [Theory]
    [InlineData("/sync?limit=0", HttpStatusCode.BadRequest, "limit")]
    [InlineData("/sync?limit=101", HttpStatusCode.BadRequest, "limit")]
    public async Task An_out_of_range_limit_is_a_validation_problem_naming_it(string path, HttpStatusCode status, string field)
    {
        using var host = new SampleHostFactory();
        var id = await host.ConnectAsync();
        using var client = host.Tenant(SampleHostFactory.TenantAKey);
        using var response = await client.GetAsync($"{Api}/{id}{path}");
        var problem = await HttpAssert.ProblemAsync(response, status);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Theory]
    [InlineData("sync")]
    [InlineData("overview")]
    public async Task Another_tenants_connector_reads_as_missing_and_a_malformed_id_is_refused(string route)
    {
        using var host = new SampleHostFactory();
        var id = await host.ConnectAsync();
        using var other = host.Tenant(SampleHostFactory.TenantBKey);
        using var foreign = await other.GetAsync($"{Api}/{id}/{route}");
        await HttpAssert.ProblemAsync(foreign, HttpStatusCode.NotFound);
        using var malformed = await other.GetAsync($"{Api}/not-an-id/{route}");
        var problem = await HttpAssert.ProblemAsync(malformed, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("connector_id", out _));
        using var anonymous = host.CreateClient();
        using var unauthenticated = await anonymous.GetAsync($"{Api}/{id}/{route}");
        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
    }

    /// <summary>Starts a sync and waits until the ingestion after it has succeeded.</summary>
    private static async Task SyncAndIngestAsync(HttpClient client, string id)
    {
        using var started = await client.PostAsync($"{Api}/{id}/sync", null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        await SampleHostFactory.WaitUntilAsync(
            async () => (await client.GetFromJsonAsync<JsonElement>($"{Api}/{id}/sync")).GetProperty("items").EnumerateArray()
                .Any(r => r.GetProperty("sync_type").GetString() == "ingestion" && r.GetProperty("status").GetString() == "succeeded"),
            "the ingestion to succeed");
    }

    private sealed class FixedPillarMapper(string pillar) : IPillarMapper
    {
        public string MapPillar(PillarMappingContext context) => pillar;
    }

    private static Dictionary<string, long> Pillars(JsonElement overview)
        => overview.GetProperty("pillars").EnumerateArray().ToDictionary(p => p.GetProperty("pillar").GetString()!, p => p.GetProperty("chunk_count").GetInt64(), StringComparer.Ordinal);
}
