using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CarbonVoice.Sdk.Connector.AspNetCore;
using CarbonVoice.Sample.Host.Tests.Infrastructure;
using CarbonVoice.Sdk.Connector;
using CarbonVoice.Sdk.Connector.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace CarbonVoice.Sample.Host.Tests;

/// <summary>A run the coordinator closes (its runner threw) whose save fails: retried on the clock, always ending with a terminal progress message.</summary>
public sealed class RunEndTests : IDisposable
{
    private const string Api = "/api/connectors/carbonvoice";
    private readonly TimerWatchingTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly SampleHostFactory _host;

    public RunEndTests()
    {
        _host = FakeRunner.CreateHost();
        _host.TestServices += services => services
            .AddSingleton<TimeProvider>(_time)
            .AddSingleton(sp => new FlakyStateStore(ConnectorStoreGuard.Wrap(new SqliteSyncStateStore(sp.GetRequiredService<ConnectorDatabase>().ConnectionString, sp.GetRequiredService<TimeProvider>()))))
            .AddSingleton<ISyncStateStore>(sp => sp.GetRequiredService<FlakyStateStore>());
    }

    private FlakyStateStore Store => _host.Services.GetRequiredService<FlakyStateStore>();

    private FakeRunner Runner => _host.Services.GetRequiredService<FakeRunner>();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task A_failed_run_whose_end_cannot_be_saved_twice_is_saved_on_the_third_attempt_and_announced()
    {
        var id = await _host.ConnectAsync();
        using var client = _host.Tenant(SampleHostFactory.TenantAKey);
        using var watch = HubWatcher.Watch(_host);
        Runner.Throw = new InvalidOperationException("boom");
        Store.FinalSavesToFail = 2;

        using var response = await client.PostAsync($"{Api}/{id}/sync", null);
        var runId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sync_log_id").GetString()!;
        await RefusedAsync();
        await _time.AdvanceOnceWaitingAsync(SyncCoordinator.CloseRetryDelays[0]);
        await RefusedAsync();
        await _time.AdvanceOnceWaitingAsync(SyncCoordinator.CloseRetryDelays[1]);

        var end = (await HubWatcher.ReadRunAsync(watch, "sync_progress"))[^1];
        Assert.Equal(("failed", runId, "boom"), (end.Status, end.SyncLogId, end.Message));
        Assert.Equal("failed", (await client.GetFromJsonAsync<JsonElement>($"{Api}/{id}/sync/{runId}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_run_whose_end_can_never_be_saved_is_announced_as_interrupted_and_reads_so_once_its_lease_lapses()
    {
        var id = await _host.ConnectAsync();
        using var client = _host.Tenant(SampleHostFactory.TenantAKey);
        using var watch = HubWatcher.Watch(_host);
        Runner.Throw = new InvalidOperationException("boom");
        Runner.KeepLease = true; // its release failed too
        Store.FinalSavesToFail = int.MaxValue;

        using var response = await client.PostAsync($"{Api}/{id}/sync", null);
        var runId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sync_log_id").GetString()!;
        foreach (var delay in SyncCoordinator.CloseRetryDelays)
        {
            await RefusedAsync();
            await _time.AdvanceOnceWaitingAsync(delay);
        }

        var end = (await HubWatcher.ReadRunAsync(watch, "sync_progress"))[^1];
        Assert.Equal(("interrupted", runId), (end.Status, end.SyncLogId));
        Assert.Contains("could not be recorded", end.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SQLite", end.Message, StringComparison.OrdinalIgnoreCase);

        Assert.Equal("running", (await client.GetFromJsonAsync<JsonElement>($"{Api}/{id}/sync/{runId}")).GetProperty("status").GetString());
        using (var busy = await client.PostAsync($"{Api}/{id}/sync", null))
        {
            Assert.Equal(runId, (await HttpAssert.ProblemAsync(busy, HttpStatusCode.Conflict)).GetProperty("sync_log_id").GetString());
        }

        _time.Advance(Runner.LeaseDuration);
        Assert.Equal("interrupted", (await client.GetFromJsonAsync<JsonElement>($"{Api}/{id}/sync/{runId}")).GetProperty("status").GetString());
    }

    private async Task RefusedAsync() => await Store.Refused.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
}
