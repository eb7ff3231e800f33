using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CarbonVoice.Sdk.Connector.AspNetCore;
using CarbonVoice.Sample.Host.Tests.Infrastructure;
using CarbonVoice.Sdk.Connector;
using CarbonVoice.Sdk.Connector.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CarbonVoice.Sample.Host.Tests;

/// <summary>
/// A host killed during a run leaves the run "running" and its lease in the SQLite file. The host started again on that
/// file names the dead run in a 409 only while its lease lasts, reads it as interrupted afterwards, and resumes it by itself.
/// </summary>
public sealed class RestartResumeTests
{
    private const string Api = "/api/connectors/carbonvoice";
    private const string DeadHolder = "killed-host:777:0123456789abcdef";

    [Fact]
    public async Task The_restarted_host_names_the_dead_sync_only_while_its_lease_lasts_then_marks_it_interrupted_and_resumes_it()
    {
        using var first = FakeRunner.CreateHost();
        var id = await first.ConnectAsync();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var (dead, lease) = await LeaveDeadRunAsync(first, id, SyncKind.Full, time);

        using var second = Restart(first, time);
        var runner = second.Services.GetRequiredService<FakeRunner>();
        using var client = second.Tenant(SampleHostFactory.TenantAKey);

        // The lease is live: the 409 names the dead run and when its lease lapses; the run still reads as running.
        using (var busy = await client.PostAsync($"{Api}/{id}/sync", null))
        {
            var problem = await HttpAssert.ProblemAsync(busy, HttpStatusCode.Conflict);
            Assert.Equal(dead.Id, problem.GetProperty("sync_log_id").GetString());
            Assert.Equal(lease.ExpiresAt, problem.GetProperty("lease_expires_at").GetDateTimeOffset());
        }

        Assert.Equal("running", (await client.GetFromJsonAsync<JsonElement>($"{Api}/{id}/sync/{dead.Id}")).GetProperty("status").GetString());
        Assert.Single(runner.Calls); // the refused start, nothing resumed yet

        // The lease lapses: the resumer (waiting on the clock since start-up) marks the run interrupted and starts it again.
        // (The clock moves on until the resumer, whose wait may start at any moment, has acted: moving it further is harmless.)
        var callsBefore = runner.Calls.Count;
        time.Advance(TimeSpan.FromSeconds(30));
        await SampleHostFactory.WaitUntilAsync(
            () =>
            {
                time.Advance(TimeSpan.FromSeconds(1));
                return Task.FromResult(runner.Calls.Count > callsBefore);
            },
            "the interrupted sync to be resumed");
        Assert.Equal((id, SyncKind.Full), runner.Calls.Skip(callsBefore).Select(c => (c.ConnectorId, c.Kind)).First());
        var old = await client.GetFromJsonAsync<JsonElement>($"{Api}/{id}/sync/{dead.Id}");
        Assert.Equal("interrupted", old.GetProperty("status").GetString());
        Assert.Contains("resumes", old.GetProperty("status_message").GetString(), StringComparison.Ordinal);
        await SampleHostFactory.WaitUntilAsync(
            async () => (await client.GetFromJsonAsync<JsonElement>($"{Api}/{id}")).GetProperty("last_sync_log_id").GetString() is { } last && last != dead.Id,
            "the resumed sync to finish");

        // Nothing is locked out any more.
        using var again = await client.PostAsync($"{Api}/{id}/sync", null);
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
    }

    [Fact]
    public async Task A_dead_ingestion_reads_as_interrupted_once_its_lease_lapsed_and_nothing_resumes_when_the_option_is_off()
    {
        using var first = FakeRunner.CreateHost();
        var id = await first.ConnectAsync();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var (dead, _) = await LeaveDeadRunAsync(first, id, SyncKind.Ingestion, time);

        using var second = Restart(first, time, resume: false);
        var runner = second.Services.GetRequiredService<FakeRunner>();
        using var client = second.Tenant(SampleHostFactory.TenantAKey);
        using (var busy = await client.PostAsync($"{Api}/{id}/ingest", null))
        {
            Assert.Equal(dead.Id, (await HttpAssert.ProblemAsync(busy, HttpStatusCode.Conflict)).GetProperty("sync_log_id").GetString());
        }

        // A sync holds the other lease: it is not refused, and does not keep the dead ingestion alive.
        using (var sync = await client.PostAsync($"{Api}/{id}/sync", null))
        {
            Assert.Equal(HttpStatusCode.Accepted, sync.StatusCode);
        }

        time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal("interrupted", (await client.GetFromJsonAsync<JsonElement>($"{Api}/{id}/sync/{dead.Id}")).GetProperty("status").GetString());
        using (var ingest = await client.PostAsync($"{Api}/{id}/ingest", null))
        {
            Assert.Equal(HttpStatusCode.Accepted, ingest.StatusCode);
        }

        await second.Services.GetRequiredService<InterruptedRunResumer>().Completion.WaitAsync(TimeSpan.FromSeconds(30));
        // The three starts asked for (the first refused; a sync asks for a delta, which runs full the first time); none by the host itself.
        Assert.Equal([SyncKind.Ingestion, SyncKind.Delta, SyncKind.Ingestion], runner.Calls.Select(c => c.Kind));
    }

    [Fact]
    public async Task A_sync_cancelled_by_a_graceful_stop_is_resumed_by_the_next_start()
    {
        using var first = FakeRunner.CreateHost();
        var id = await first.ConnectAsync();
        var runner = first.Services.GetRequiredService<FakeRunner>();
        runner.Hold();
        using var client = first.Tenant(SampleHostFactory.TenantAKey);
        using var started = await client.PostAsync($"{Api}/{id}/sync", null);
        var runId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sync_log_id").GetString()!;
        await runner.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));

        // A graceful stop: the run is cancelled, and the host waits for it to record that before disposing its stores.
        first.Services.GetRequiredService<Microsoft.Extensions.Hosting.IHostApplicationLifetime>().StopApplication();
        using (var state = new SqliteSyncStateStore($"Data Source={first.DatabasePath}"))
        {
            await SampleHostFactory.WaitUntilAsync(async () => (await state.GetRunAsync(runId))?.Status == SyncRunStatus.Cancelled, "the run to be cancelled by the stop");
        }

        using var second = Restart(first, new FakeTimeProvider(DateTimeOffset.UtcNow));
        var resumed = second.Services.GetRequiredService<FakeRunner>();
        await second.Services.GetRequiredService<InterruptedRunResumer>().Completion.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal([(id, SyncKind.Full)], resumed.Calls.Select(c => (c.ConnectorId, c.Kind)));
    }

    [Fact]
    public async Task A_409_never_names_a_run_whose_lease_lapsed()
    {
        using var first = FakeRunner.CreateHost();
        var id = await first.ConnectAsync();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var (dead, _) = await LeaveDeadRunAsync(first, id, SyncKind.Full, time);
        time.Advance(TimeSpan.FromSeconds(31));

        // Another process has just taken the lease and not recorded its run yet.
        var tenant = (await first.Services.GetRequiredService<ConnectorRepository>().GetByIdAsync(id))!.TenantId;
        using (var state = new SqliteSyncStateStore($"Data Source={first.DatabasePath}", time))
        {
            Assert.NotNull(await state.TryAcquireLeaseAsync(tenant, id, "other-host:1:starting", TimeSpan.FromSeconds(30)));
        }

        using var second = Restart(first, time, resume: false);
        using var client = second.Tenant(SampleHostFactory.TenantAKey);
        using var busy = await client.PostAsync($"{Api}/{id}/sync", null);
        var problem = await HttpAssert.ProblemAsync(busy, HttpStatusCode.Conflict);
        Assert.Equal(JsonValueKind.Null, problem.GetProperty("sync_log_id").ValueKind);
        Assert.Equal("interrupted", (await client.GetFromJsonAsync<JsonElement>($"{Api}/{id}/sync/{dead.Id}")).GetProperty("status").GetString());
    }

    /// <summary>What a host killed during a run leaves in its file: the run, still marked running, and its lease, never renewed again.</summary>
    private static async Task<(SyncRun Run, SyncLease Lease)> LeaveDeadRunAsync(SampleHostFactory host, string connectorId, SyncKind kind, TimeProvider time)
    {
        var connector = (await host.Services.GetRequiredService<ConnectorRepository>().GetByIdAsync(connectorId))!;
        using var state = new SqliteSyncStateStore($"Data Source={host.DatabasePath}", time);
        var lease = await state.TryAcquireLeaseAsync(connector.TenantId, SyncLease.KeyOf(connectorId, kind), DeadHolder, TimeSpan.FromSeconds(30));
        var run = await state.StartRunAsync(connector.TenantId, connectorId, kind, null, lease!.Holder);
        return (run, lease);
    }

    /// <summary>A second host process on the first one's database and key ring, on a clock the test moves.</summary>
    private static SampleHostFactory Restart(SampleHostFactory first, FakeTimeProvider time, bool resume = true)
    {
        var second = FakeRunner.CreateHost();
        second.Settings["Sample:DatabasePath"] = first.DatabasePath;
        second.Settings["Sample:DataProtectionKeysPath"] = Path.Combine(Path.GetDirectoryName(first.DatabasePath)!, "keys");
        second.Settings["Sample:ResumeInterruptedRuns"] = resume ? "true" : "false";
        second.TestServices += services => services.AddSingleton<TimeProvider>(time);
        return second;
    }
}
