using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CarbonVoice.Sdk.Connector.AspNetCore;
using CarbonVoice.Sample.Host.Tests.Infrastructure;
using CarbonVoice.Sdk.Connector;
using CarbonVoice.Sdk.Connector.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace CarbonVoice.Sample.Host.Tests;

/// <summary>Locked, read-only or full stores answer 503 with Retry-After and the store-unavailable problem; no database text reaches the body or the run record.</summary>
public sealed class StoreUnavailableTests
{
    private const string Api = "/api/connectors/carbonvoice";

    [Fact]
    public async Task A_locked_database_answers_503_with_retry_after_naming_the_store_and_recovers_when_the_lock_goes()
    {
        // The sync state store waits one second for a lock (instead of 30) so the test is quick.
        using var host = new SampleHostFactory();
        host.TestServices = services => services.AddSingleton<ISyncStateStore>(sp =>
            ConnectorStoreGuard.Wrap(new SqliteSyncStateStore(new SqliteConnectionStringBuilder(sp.GetRequiredService<ConnectorDatabase>().ConnectionString) { DefaultTimeout = 1 }.ToString())));
        var id = await host.ConnectAsync();
        using var client = host.Tenant(SampleHostFactory.TenantAKey);

        using (var locker = new SqliteConnection($"Data Source={host.DatabasePath}"))
        {
            locker.Open();
            using var begin = locker.CreateCommand();
            begin.CommandText = "BEGIN IMMEDIATE;"; // another writer holds the write lock
            begin.ExecuteNonQuery();

            using var response = await client.PostAsync($"{Api}/{id}/sync", null);
            var problem = await AssertStoreUnavailableAsync(response, "sync_state", "busy", 5);
            Assert.Contains("sync state store is busy", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            using var rollback = locker.CreateCommand();
            rollback.CommandText = "ROLLBACK;";
            rollback.ExecuteNonQuery();
        }

        using var retried = await client.PostAsync($"{Api}/{id}/sync", null);
        Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);
        var run = await SampleHostFactory.WaitForRunAsync(client, id, (await retried.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sync_log_id").GetString()!);
        Assert.Equal("succeeded", run.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_read_only_state_store_answers_503_on_sync_and_ingest()
    {
        using var host = new SampleHostFactory();
        host.TestServices = services => services.AddSingleton<ISyncStateStore>(sp =>
            ConnectorStoreGuard.Wrap(new SqliteSyncStateStore(new SqliteConnectionStringBuilder(sp.GetRequiredService<ConnectorDatabase>().ConnectionString) { Mode = SqliteOpenMode.ReadOnly }.ToString())));
        var id = await host.ConnectAsync();
        using var client = host.Tenant(SampleHostFactory.TenantAKey);

        using var sync = await client.PostAsync($"{Api}/{id}/sync", null);
        await AssertStoreUnavailableAsync(sync, "sync_state", "read_only", 30);
        using var ingest = await client.PostAsync($"{Api}/{id}/ingest", null);
        await AssertStoreUnavailableAsync(ingest, "sync_state", "read_only", 30);
    }

    [Fact]
    public async Task A_read_only_raw_store_fails_the_sync_with_a_run_record_that_names_the_store_without_its_text()
    {
        using var host = new SampleHostFactory();
        host.TestServices = services => services.AddSingleton<IRawDataStore>(sp =>
            new SqliteRawDataStore(new SqliteConnectionStringBuilder(sp.GetRequiredService<ConnectorDatabase>().ConnectionString) { Mode = SqliteOpenMode.ReadOnly }.ToString()));
        var id = await host.ConnectAsync();
        using var client = host.Tenant(SampleHostFactory.TenantAKey);
        using var watch = HubWatcher.Watch(host);

        using var started = await client.PostAsync($"{Api}/{id}/sync", null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var runId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sync_log_id").GetString()!;
        var run = await SampleHostFactory.WaitForRunAsync(client, id, runId);

        Assert.Equal("failed", run.GetProperty("status").GetString());
        Assert.Equal("The raw data store is unavailable; the details are in the log.", run.GetProperty("status_message").GetString());
        AssertNoDatabaseText(run.GetRawText());
        var end = (await HubWatcher.ReadRunAsync(watch, "sync_progress"))[^1];
        Assert.Equal("failed", end.Status);
        AssertNoDatabaseText(end.Message ?? string.Empty);

        // Reads are still served from a read-only file.
        using var entities = await client.GetAsync($"{Api}/{id}/entities");
        Assert.Equal(HttpStatusCode.OK, entities.StatusCode);
    }

    [Theory]
    [InlineData(5, "database", "busy")]
    [InlineData(6, "database", "busy")]
    [InlineData(8, "database", "read_only")]
    [InlineData(13, "database", "full")]
    [InlineData(10, "database", "unavailable")]
    public void Sqlite_failures_of_the_hosts_own_tables_are_store_failures(int code, string store, string reason)
    {
        var exception = new InvalidOperationException("wrapped", new SqliteException($"SQLite Error {code}: 'raw text'.", code));
        Assert.True(StoreFailure.TryFrom(exception, out var failure));
        Assert.Equal((store, reason), (failure.Store, failure.Reason));
        Assert.DoesNotContain("raw text", failure.Describe(), StringComparison.Ordinal);
        Assert.DoesNotContain("raw text", StoreFailure.SafeMessage(exception.InnerException!), StringComparison.Ordinal);
    }

    [Fact]
    public void Any_connector_store_exception_is_a_store_failure_and_other_sqlite_errors_are_not()
    {
        Assert.True(StoreFailure.TryFrom(new ConnectorStoreException(ConnectorStoreKind.Chunks, new IOException("disk")), out var chunks));
        Assert.Equal(("chunks", "unavailable"), (chunks.Store, chunks.Reason));
        Assert.True(StoreFailure.TryFrom(new ConnectorStoreException(ConnectorStoreKind.RawData, new SqliteException("SQLite Error 13: 'database or disk is full'.", 13)), out var full));
        Assert.Equal(("raw_data", "full", 30), (full.Store, full.Reason, full.RetryAfterSeconds));
        Assert.False(StoreFailure.TryFrom(new SqliteException("SQLite Error 19: 'UNIQUE constraint failed'.", 19), out _));
        Assert.Equal("The host's database failed; the details are in the host's log.", StoreFailure.SafeMessage(new SqliteException("SQLite Error 19: 'UNIQUE constraint failed'.", 19)));
        Assert.Equal("boom", StoreFailure.SafeMessage(new InvalidOperationException("boom")));
    }

    private static async Task<JsonElement> AssertStoreUnavailableAsync(HttpResponseMessage response, string store, string reason, int retryAfter)
    {
        var body = await response.Content.ReadAsStringAsync();
        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.ServiceUnavailable);
        Assert.Equal(StoreFailure.ProblemType, problem.GetProperty("type").GetString());
        Assert.Equal("Storage unavailable", problem.GetProperty("title").GetString());
        Assert.Equal(store, problem.GetProperty("store").GetString());
        Assert.Equal(reason, problem.GetProperty("reason").GetString());
        Assert.Equal(TimeSpan.FromSeconds(retryAfter), response.Headers.RetryAfter?.Delta);
        AssertNoDatabaseText(body);
        return problem;
    }

    private static void AssertNoDatabaseText(string text)
    {
        Assert.DoesNotContain("SQLite", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("readonly database", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("database is locked", text, StringComparison.OrdinalIgnoreCase);
    }
}
