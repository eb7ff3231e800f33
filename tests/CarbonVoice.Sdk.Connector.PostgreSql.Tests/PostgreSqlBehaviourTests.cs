using CarbonVoice.Sdk.Connector.PostgreSql.Internal;
using CarbonVoice.Sdk.Connector.PostgreSql.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;

namespace CarbonVoice.Sdk.Connector.PostgreSql.Tests;

/// <summary>What the PostgreSQL stores promise beyond the shared contracts: several processes, commit order, migrations, secrets, failures.</summary>
public sealed class PostgreSqlBehaviourTests : IDisposable
{
    private readonly Lazy<TempSchema> _schema = new(() => new TempSchema());

    private TempSchema Schema => _schema.Value;

    public void Dispose()
    {
        if (_schema.IsValueCreated)
        {
            _schema.Value.Dispose();
        }
    }

    [PostgreSqlFact]
    public async Task Migrations_started_by_many_processes_at_once_apply_once()
    {
        var databases = Enumerable.Range(0, 6).Select(_ => new PostgreSqlConnectorDatabase(Schema.Options())).ToList();
        try
        {
            await Task.WhenAll(databases.Select(d => Task.Run(async () => await (await d.OpenAsync(CancellationToken.None)).DisposeAsync())));
            Assert.Equal((long)PostgreSqlSchema.Migrations.Count, await Schema.ScalarAsync<long>("SELECT COUNT(*) FROM cv_schema_version;"));

            // A restart finds the schema current and changes nothing.
            await using var again = new PostgreSqlConnectorDatabase(Schema.Options());
            await (await again.OpenAsync(CancellationToken.None)).DisposeAsync();
            Assert.Equal((long)PostgreSqlSchema.Migrations.Count, await Schema.ScalarAsync<long>("SELECT COUNT(*) FROM cv_schema_version;"));
        }
        finally
        {
            databases.ForEach(d => d.Dispose());
        }
    }

    [PostgreSqlFact]
    public async Task A_reader_following_the_watermark_misses_no_record_of_concurrent_writers()
    {
        // Four writers (separate pools, like four processes) write one connector while a reader follows the change sequence
        // like ingestion does: every record is seen exactly once, because a connector's sequences commit in order.
        var writers = Enumerable.Range(0, 4).Select(_ => new PostgreSqlRawDataStore(Schema.Options())).ToList();
        using var reader = new PostgreSqlRawDataStore(Schema.Options());
        try
        {
            var writing = writers.Select((store, w) => Task.Run(async () =>
            {
                for (var b = 0; b < 40; b++)
                {
                    await store.UpsertAsync([.. Enumerable.Range(0, 5).Select(i => RawRecordUpsert.FromJson(new RawRecordKey("t1", "c1", "message", $"w{w}-b{b}-{i}"), $$"""{"n":{{i}}}""", "conv"))]);
                }
            })).ToList();
            var seen = new List<string>();
            long watermark = 0;
            while (true)
            {
                var done = writing.All(t => t.IsCompleted);
                var page = await reader.ReadChangedSinceAsync("t1", "c1", watermark, 37);
                seen.AddRange(page.Items.Select(r => r.Key.ExternalId));
                watermark = page.NextWatermark;
                if (done && !page.HasMore)
                {
                    break;
                }
            }

            await Task.WhenAll(writing);
            Assert.Equal(800, seen.Count);
            Assert.Equal(800, seen.Distinct().Count());
        }
        finally
        {
            writers.ForEach(w => w.Dispose());
        }
    }

    [PostgreSqlFact]
    public async Task A_large_batch_by_copy_matches_the_same_batch_by_unnest()
    {
        var records = Enumerable.Range(0, 600).Select(i => RawRecordUpsert.FromJson(new RawRecordKey("t1", "c1", "message", $"m{i:D4}"), $$"""{"text":"héllo {{i}}","n":{{i}}}""", i % 2 == 0 ? "conv" : null, DateTimeOffset.UnixEpoch.AddDays(i))).ToList();
        using var copy = new PostgreSqlRawDataStore(Schema.Options(copyThreshold: 256));
        using var unnest = new PostgreSqlRawDataStore(Schema.Options(copyThreshold: 100_000));
        var first = await copy.UpsertAsync([.. records.Select(r => r with { Key = r.Key with { ConnectorId = "copy" } })]);
        await unnest.UpsertAsync([.. records.Select(r => r with { Key = r.Key with { ConnectorId = "unnest" } })]);
        Assert.All(first, r => Assert.Equal(UpsertOutcome.New, r.Outcome));
        var a = await copy.ReadChangedSinceAsync("t1", "copy", 0, 1000);
        var b = await unnest.ReadChangedSinceAsync("t1", "unnest", 0, 1000);
        Assert.Equal(b.Items.Select(r => (r.Key.ExternalId, r.Payload, r.ParentId, r.SourceUpdatedAt, r.ContentHash)), a.Items.Select(r => (r.Key.ExternalId, r.Payload, r.ParentId, r.SourceUpdatedAt, r.ContentHash)));
        Assert.All(await copy.UpsertAsync([.. records.Select(r => r with { Key = r.Key with { ConnectorId = "copy" } })]), r => Assert.Equal(UpsertOutcome.Unchanged, r.Outcome));
    }

    [PostgreSqlFact]
    public async Task Tokens_are_stored_encrypted_and_the_log_never_shows_the_password()
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(Schema.ConnectionString) { Password = "s3cret-pw" };
        var logs = new FakeLogCollector();
        var services = new ServiceCollection()
            .AddLogging(l => l.AddProvider(new FakeLoggerProvider(logs)).SetMinimumLevel(LogLevel.Trace))
            .AddSingleton<ITokenProtector>(new Conformance.PostgreSqlTokenStoreTests.XorProtector());
        services.AddCarbonVoice(o => o.BaseAddress = new Uri("http://127.0.0.1:1")).UsePostgreSqlTokenStore();
        services.AddCarbonVoiceConnectorPostgreSql(o =>
        {
            o.ConnectionString = builder.ConnectionString;
            o.Schema = Schema.Name;
        });
        await using var provider = services.BuildServiceProvider();
        var tokens = provider.GetRequiredService<ITokenStore>();
        await tokens.SetAsync("conn-1", new CarbonVoiceToken { AccessToken = "at-plain-text", RefreshToken = "rt-plain-text" });

        Assert.Equal("at-plain-text", (await tokens.GetAsync("conn-1"))!.AccessToken);
        Assert.Equal(0L, await Schema.ScalarAsync<long>("SELECT COUNT(*) FROM cv_tokens WHERE position('plain-text' in convert_from(token, 'UTF8')) > 0;"));
        Assert.Contains(logs.GetSnapshot(), r => r.Message.Contains("migration", StringComparison.Ordinal) && r.Message.Contains(Schema.Name, StringComparison.Ordinal));
        Assert.DoesNotContain(logs.GetSnapshot(), r => r.Message.Contains("s3cret-pw", StringComparison.Ordinal));
    }

    [PostgreSqlFact]
    public async Task A_page_and_the_cursor_that_covers_it_commit_together_or_not_at_all()
    {
        using var raw = new PostgreSqlRawDataStore(Schema.Options());
        using var state = new PostgreSqlSyncStateStore(Schema.Options());
        var guarded = ConnectorStoreGuard.Wrap(raw);
        RawRecordUpsert Record(string id, string text) => RawRecordUpsert.FromJson(new RawRecordKey("t1", "c1", "message", id), $$"""{"text":"{{text}}"}""", "conv");

        var first = await CheckpointedWrites.UpsertAsync(guarded, state, [Record("m1", "a"), Record("m2", "b")], new CheckpointWrite("t1", "c1", "changes:cursor", "page-1"));
        Assert.All(first, r => Assert.Equal(UpsertOutcome.New, r.Outcome));
        Assert.Equal("page-1", await state.GetCheckpointAsync("t1", "c1", "changes:cursor"));

        // The database refuses the page (a NUL character in a payload): neither its records nor its cursor are stored.
        var refused = new RawRecordUpsert { Key = new RawRecordKey("t1", "c1", "message", "m4"), Payload = "{\"text\":\"a\0\"}", ContentHash = "h" };
        Assert.Contains('\0', refused.Payload);
        await Assert.ThrowsAsync<ConnectorStoreException>(() => CheckpointedWrites.UpsertAsync(guarded, state, [Record("m3", "c"), refused], new CheckpointWrite("t1", "c1", "changes:cursor", "page-2")));
        Assert.Equal("page-1", await state.GetCheckpointAsync("t1", "c1", "changes:cursor"));
        Assert.Equal(2, await raw.CountAsync("t1", "c1"));
        Assert.Null(await raw.GetAsync(new RawRecordKey("t1", "c1", "message", "m3")));
    }

    [Fact]
    public async Task An_unreachable_database_surfaces_as_a_store_failure_naming_the_store()
    {
        using var store = new PostgreSqlSyncStateStore(new PostgreSqlConnectorOptions { ConnectionString = "Host=127.0.0.1;Port=1;Username=nobody;Password=pw-never-shown;Timeout=2" });
        var guarded = ConnectorStoreGuard.Wrap(store);
        var failure = await Assert.ThrowsAsync<ConnectorStoreException>(() => guarded.GetRunAsync("r1"));
        Assert.Equal(ConnectorStoreKind.SyncState, failure.Store);
        Assert.DoesNotContain("pw-never-shown", failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_options_stop_the_host_at_start_naming_what_to_set()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddCarbonVoiceConnectorPostgreSql(o =>
        {
            o.ConnectionString = "Host=db;Username=u;Password=hidden-pw";
            o.Schema = "Bad-Schema";
        });
        using var host = builder.Build();
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("Schema", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hidden-pw", failure.Message, StringComparison.Ordinal);

        var empty = Host.CreateApplicationBuilder();
        empty.Services.AddCarbonVoiceConnectorPostgreSql(o => o.ConnectionString = " ");
        using var second = empty.Build();
        Assert.Contains("ConnectionString is required", (await Assert.ThrowsAsync<OptionsValidationException>(() => second.StartAsync())).Message, StringComparison.Ordinal);
    }
}
