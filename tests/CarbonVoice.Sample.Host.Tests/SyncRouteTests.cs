using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CarbonVoice.Sdk.Connector.AspNetCore;
using CarbonVoice.Sample.Host.Tests.Infrastructure;
using CarbonVoice.Sdk;
using CarbonVoice.Sdk.Connector;
using CarbonVoice.Sdk.Connector.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace CarbonVoice.Sample.Host.Tests;

/// <summary>Sync, status and ingest routes over a controllable runner (the real pipeline is covered by the end-to-end tests).</summary>
public sealed class SyncRouteTests : IDisposable
{
    private const string Api = "/api/connectors/carbonvoice";
    private readonly SampleHostFactory _host;

    public SyncRouteTests()
    {
        _host = FakeRunner.CreateHost();
    }

    private FakeRunner _runner => _host.Services.GetRequiredService<FakeRunner>();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Sync_starts_in_the_background_and_its_log_can_be_read()
    {
        var id = await _host.ConnectAsync();
        using var client = _host.Tenant(SampleHostFactory.TenantAKey);
        using var response = await client.PostAsync($"{Api}/{id}/sync", null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var started = await response.Content.ReadFromJsonAsync<JsonElement>();
        var runId = started.GetProperty("sync_log_id").GetString()!;
        Assert.Equal("full", started.GetProperty("sync_type").GetString());
        Assert.Equal($"{Api}/{id}/sync/{runId}", response.Headers.Location!.ToString());

        var run = await SampleHostFactory.WaitForRunAsync(client, id, runId);
        Assert.Equal("succeeded", run.GetProperty("status").GetString());
        Assert.Equal(10, run.GetProperty("records_fetched").GetInt64());
        Assert.Equal(10, run.GetProperty("entity_counts").GetProperty("message").GetProperty("new").GetInt64());

        await SampleHostFactory.WaitUntilAsync(
            async () => (await client.GetFromJsonAsync<JsonElement>($"{Api}/{id}")).GetProperty("last_sync_log_id").GetString() == runId,
            "the connector to record its last sync");

        // The next sync defaults to delta; an explicit type is honoured.
        using var second = await client.PostAsJsonAsync($"{Api}/{id}/sync", new { sync_type = "full" });
        var secondRun = await second.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("full", secondRun.GetProperty("sync_type").GetString());
        await SampleHostFactory.WaitForRunAsync(client, id, secondRun.GetProperty("sync_log_id").GetString()!);
        using var third = await client.PostAsync($"{Api}/{id}/sync", null);
        Assert.Equal("delta", (await third.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sync_type").GetString());
    }

    [Fact]
    public async Task A_second_sync_while_one_runs_is_409_with_the_running_syncs_id()
    {
        var id = await _host.ConnectAsync();
        using var client = _host.Tenant(SampleHostFactory.TenantAKey);
        _runner.Hold();
        using var first = await client.PostAsync($"{Api}/{id}/sync", null);
        var runId = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sync_log_id").GetString();
        await _runner.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));

        var concurrent = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => client.PostAsync($"{Api}/{id}/sync", null)));
        foreach (var response in concurrent)
        {
            var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.Conflict);
            Assert.Equal(runId, problem.GetProperty("sync_log_id").GetString());
            response.Dispose();
        }

        _runner.Release();
        await SampleHostFactory.WaitForRunAsync(client, id, runId!);
        using var after = await client.PostAsync($"{Api}/{id}/sync", null);
        Assert.Equal(HttpStatusCode.Accepted, after.StatusCode);
    }

    [Fact]
    public async Task Sync_validates_its_type()
    {
        var id = await _host.ConnectAsync();
        using var client = _host.Tenant(SampleHostFactory.TenantAKey);
        using var response = await client.PostAsJsonAsync($"{Api}/{id}/sync", new { sync_type = "everything" });
        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("sync_type", out _));
    }

    /// <param name="interruptedFirst">
    /// The runner releases its lease before throwing and a read marks the run interrupted before the coordinator hears of
    /// the end; otherwise the lease stays live, so the coordinator records the run's end itself.
    /// </param>
    /// <param name="runStatus">What the run record shows at the end.</param>
    [Theory]
    [InlineData(false, "expired")]
    [InlineData(true, "interrupted")]
    public async Task A_refused_refresh_moves_the_connector_to_expired(bool interruptedFirst, string runStatus)
    {
        var id = await _host.ConnectAsync();
        using var client = _host.Tenant(SampleHostFactory.TenantAKey);
        _runner.Throw = new CarbonVoiceTokenExpiredException("refresh refused", id);
        _runner.KeepLease = !interruptedFirst;
        _runner.InterruptBeforeThrowing = interruptedFirst;
        using var response = await client.PostAsync($"{Api}/{id}/sync", null);
        var runId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sync_log_id").GetString()!;
        var run = await SampleHostFactory.WaitForRunAsync(client, id, runId);
        Assert.Equal(runStatus, run.GetProperty("status").GetString());
        await SampleHostFactory.WaitUntilAsync(
            async () => (await client.GetFromJsonAsync<JsonElement>($"{Api}/{id}")).GetProperty("connector_status").GetString() == "expired",
            "the connector to be marked expired");

        using var again = await client.PostAsync($"{Api}/{id}/sync", null);
        await HttpAssert.ProblemAsync(again, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_sync_asked_for_while_the_last_one_records_its_end_starts_once_that_is_done()
    {
        using var host = FakeRunner.CreateHost();
        host.TestServices += services =>
        {
            services.AddSingleton(sp => new FlakyStateStore(ConnectorStoreGuard.Wrap(new SqliteSyncStateStore(sp.GetRequiredService<ConnectorDatabase>().ConnectionString))))
                .AddSingleton<ISyncStateStore>(sp => sp.GetRequiredService<FlakyStateStore>());
            GatedLastSyncRepository.Register(services);
        };
        var id = await host.ConnectAsync();
        using var client = host.Tenant(SampleHostFactory.TenantAKey);
        var repository = host.Services.GetRequiredService<GatedLastSyncRepository>();
        var store = host.Services.GetRequiredService<FlakyStateStore>();
        repository.Close();
        using var first = await client.PostAsync($"{Api}/{id}/sync", null);
        var firstId = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sync_log_id").GetString()!;

        // The run's record says it ended; the coordinator is still recording that on the connector.
        Assert.Equal("succeeded", (await SampleHostFactory.WaitForRunAsync(client, id, firstId)).GetProperty("status").GetString());
        await repository.Reached.Task.WaitAsync(TimeSpan.FromSeconds(30));
        while (store.RunsRead.Reader.TryRead(out _))
        {
        }

        // The second request finds the first job still registered and reads its run (ended): only then is the end recorded.
        var second = client.PostAsync($"{Api}/{id}/sync", null);
        using (var seen = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            while (await store.RunsRead.Reader.ReadAsync(seen.Token) != firstId)
            {
            }
        }

        repository.Release();
        using var answer = await second;
        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        var started = await answer.Content.ReadFromJsonAsync<JsonElement>();
        Assert.NotEqual(firstId, started.GetProperty("sync_log_id").GetString());
        Assert.Equal("delta", started.GetProperty("sync_type").GetString());
    }

    [Fact]
    public async Task Sync_status_validates_the_run_id_and_hides_other_connectors_runs()
    {
        var mine = await _host.ConnectAsync(SampleHostFactory.TenantAKey, "one");
        var other = await _host.ConnectAsync(SampleHostFactory.TenantAKey, "two");
        using var client = _host.Tenant(SampleHostFactory.TenantAKey);
        using var started = await client.PostAsync($"{Api}/{other}/sync", null);
        var otherRun = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sync_log_id").GetString();
        await SampleHostFactory.WaitForRunAsync(client, other, otherRun!);

        using var foreign = await client.GetAsync($"{Api}/{mine}/sync/{otherRun}");
        await HttpAssert.ProblemAsync(foreign, HttpStatusCode.NotFound);
        using var unknown = await client.GetAsync($"{Api}/{mine}/sync/nope");
        await HttpAssert.ProblemAsync(unknown, HttpStatusCode.NotFound);
        using var bad = await client.GetAsync($"{Api}/{mine}/sync/bad%20id%21");
        await HttpAssert.ProblemAsync(bad, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Ingest_starts_a_run_and_refuses_a_second_one_while_it_runs()
    {
        var id = await _host.ConnectAsync();
        using var client = _host.Tenant(SampleHostFactory.TenantAKey);
        _runner.Hold();
        using var first = await client.PostAsync($"{Api}/{id}/ingest", null);
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        var runId = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sync_log_id").GetString()!;
        await _runner.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        using var second = await client.PostAsync($"{Api}/{id}/ingest", null);
        var problem = await HttpAssert.ProblemAsync(second, HttpStatusCode.Conflict);
        Assert.Equal(runId, problem.GetProperty("sync_log_id").GetString());
        _runner.Release();
        var run = await SampleHostFactory.WaitForRunAsync(client, id, runId);
        Assert.Equal("ingestion", run.GetProperty("sync_type").GetString());
        Assert.Contains(_runner.Calls, c => c.Kind == SyncKind.Ingestion);
    }

    [Fact]
    public async Task Disconnect_cancels_a_running_sync()
    {
        var id = await _host.ConnectAsync();
        using var client = _host.Tenant(SampleHostFactory.TenantAKey);
        _runner.Hold();
        using var first = await client.PostAsync($"{Api}/{id}/sync", null);
        var runId = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sync_log_id").GetString()!;
        await _runner.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        using var delete = await client.DeleteAsync($"{Api}/{id}");
        delete.EnsureSuccessStatusCode();
        var run = await SampleHostFactory.WaitForRunAsync(client, id, runId);
        Assert.Equal("cancelled", run.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_sync_or_webhook_delta_arriving_during_a_disconnect_does_not_start()
    {
        // A request that read the connector while it was connected reaches the coordinator after the disconnect.
        var id = await _host.ConnectAsync();
        using var client = _host.Tenant(SampleHostFactory.TenantAKey);
        var stale = (await _host.Services.GetRequiredService<ConnectorRepository>().GetByIdAsync(id))!;
        Assert.Equal("connected", stale.Status);
        using var delete = await client.DeleteAsync($"{Api}/{id}");
        delete.EnsureSuccessStatusCode();

        var coordinator = _host.Services.GetRequiredService<SyncCoordinator>();
        var sync = await coordinator.StartSyncAsync(stale, SyncKind.Full);
        Assert.False(sync.Started);
        Assert.Equal("disconnected", sync.RefusedStatus);
        await coordinator.RequestDeltaAsync(stale, null, CancellationToken.None);
        var ingestion = await coordinator.StartIngestionAsync(stale);
        Assert.False(ingestion.Started);
        Assert.DoesNotContain(_runner.Calls, c => c.ConnectorId == id);

        using var route = await client.PostAsync($"{Api}/{id}/ingest", null);
        var problem = await HttpAssert.ProblemAsync(route, HttpStatusCode.Conflict);
        Assert.Equal("disconnected", problem.GetProperty("connector_status").GetString());
    }

    [Fact]
    public async Task An_in_flight_sync_failing_after_disconnect_leaves_the_connector_disconnected()
    {
        var id = await _host.ConnectAsync();
        using var client = _host.Tenant(SampleHostFactory.TenantAKey);
        _runner.Hold();
        _runner.IgnoreCancellation = true;
        _runner.Throw = new CarbonVoiceTokenExpiredException("refresh refused", id);
        using var first = await client.PostAsync($"{Api}/{id}/sync", null);
        var runId = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sync_log_id").GetString()!;
        await _runner.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));

        // The disconnect marks the connector at once, then waits for the run that does not stop by itself.
        var delete = client.DeleteAsync($"{Api}/{id}");
        await SampleHostFactory.WaitUntilAsync(
            async () => (await client.GetFromJsonAsync<JsonElement>($"{Api}/{id}")).GetProperty("connector_status").GetString() == "disconnected",
            "the connector to be disconnected before its run ends");
        using var during = await client.PostAsync($"{Api}/{id}/sync", null);
        Assert.Equal(HttpStatusCode.Conflict, during.StatusCode);

        _runner.Release(); // the run fails with "refresh refused" after the disconnect
        using (var deleted = await delete)
        {
            deleted.EnsureSuccessStatusCode();
        }

        var run = await SampleHostFactory.WaitForRunAsync(client, id, runId);
        Assert.Equal("expired", run.GetProperty("status").GetString());
        Assert.Equal("disconnected", (await client.GetFromJsonAsync<JsonElement>($"{Api}/{id}")).GetProperty("connector_status").GetString());
    }

    [Fact]
    public async Task A_run_not_recorded_within_the_start_timeout_is_a_503_problem()
    {
        using var host = FakeRunner.CreateHost();
        host.Settings["Sample:RunStartTimeout"] = "00:00:00.300";
        var runner = host.Services.GetRequiredService<FakeRunner>();
        var id = await host.ConnectAsync();
        using var client = host.Tenant(SampleHostFactory.TenantAKey);
        runner.Hold();
        runner.HoldBeforeRecording = true;
        using var response = await client.PostAsync($"{Api}/{id}/sync", null);
        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.ServiceUnavailable);
        Assert.Equal("The run is still starting", problem.GetProperty("title").GetString());

        // A second start meanwhile is told the same (the first one's id is not known yet), not a 500.
        using var second = await client.PostAsync($"{Api}/{id}/sync", null);
        await HttpAssert.ProblemAsync(second, HttpStatusCode.ServiceUnavailable);

        runner.HoldBeforeRecording = false;
        runner.Release();
        await SampleHostFactory.WaitUntilAsync(
            async () => (await client.GetFromJsonAsync<JsonElement>($"{Api}/{id}")).GetProperty("last_sync_log_id").ValueKind == JsonValueKind.String,
            "the slow run to finish in the background");
    }
}
