using CarbonVoice.Sdk.Connector.Sqlite;
using CarbonVoice.Sdk.Connector.Sqlite.Internal;
using CarbonVoice.Sdk.Connector.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace CarbonVoice.Sdk.Connector.Tests.Sqlite;

public sealed class SqliteSchemaTests : IDisposable
{
    private readonly TempSqliteFile _file = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public async Task Schema_is_created_once_in_wal_mode_even_with_concurrent_first_use()
    {
        var stores = Enumerable.Range(0, 4).Select(_ => new SqliteSyncStateStore(_file.ConnectionString)).ToList();
        await Task.WhenAll(stores.Select(s => Task.Run(() => s.GetIngestionWatermarkAsync("t", "c"))));
        stores.ForEach(s => s.Dispose());
        using var raw = new SqliteRawDataStore(_file.ConnectionString);
        await raw.CountAsync("t", "c");

        using var connection = new SqliteConnection(_file.ConnectionString);
        connection.Open();
        using var mode = connection.CreateCommand();
        mode.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string)mode.ExecuteScalar()!);
        using var versions = connection.CreateCommand();
        versions.CommandText = "SELECT COUNT(*) FROM cv_schema_version;";
        Assert.Equal(SqliteSchema.Migrations.Count, (long)versions.ExecuteScalar()!);
    }

    [Fact]
    public async Task A_database_at_version_1_is_migrated_and_keeps_its_data()
    {
        using (var connection = new SqliteConnection(_file.ConnectionString))
        {
            connection.Open();
            using var create = connection.CreateCommand();
            create.CommandText = "CREATE TABLE cv_schema_version (version INTEGER NOT NULL PRIMARY KEY, applied_at TEXT NOT NULL);"
                + SqliteSchema.Migrations[0].Sql
                + "INSERT INTO cv_schema_version VALUES (1, datetime('now'));"
                + "INSERT INTO cv_raw_records VALUES ('t', 'c', 'message', 'm1', NULL, '{}', 'h', NULL, 0, 0, 0, 5);";
            create.ExecuteNonQuery();
        }

        using var store = new SqliteRawDataStore(_file.ConnectionString);
        Assert.Equal(1, await store.PurgeAsync("t", "c"));
        var written = await store.UpsertAsync([RawRecordUpsert.FromJson(new RawRecordKey("t", "c", "message", "m2"), "{}")]);
        Assert.Equal(6, written[0].ChangeSequence);
    }

    [Fact]
    public async Task In_memory_database_works_through_one_instance()
    {
        using var store = new SqliteRawDataStore("Data Source=cv-mem-test;Mode=Memory");
        await store.UpsertAsync([RawRecordUpsert.FromJson(new RawRecordKey("t", "c", "message", "1"), "{}")]);
        Assert.Equal(1, await store.CountAsync("t", "c"));
    }

    [Fact]
    public async Task Di_registration_replaces_in_memory_stores_with_one_shared_database()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IRawDataStore, InMemoryRawDataStore>();
        services.AddCarbonVoiceConnectorSqlite(_file.ConnectionString);
        await using var provider = services.BuildServiceProvider();
        Assert.IsType<SqliteRawDataStore>(provider.GetRequiredService<IRawDataStore>());
        Assert.IsType<SqliteChunkStore>(provider.GetRequiredService<IChunkStore>());
        var state = Assert.IsType<SqliteSyncStateStore>(provider.GetRequiredService<ISyncStateStore>());
        await state.SetIngestionWatermarkAsync("t", "c", 7);
        Assert.Equal(7, await new SqliteSyncStateStore(_file.ConnectionString).GetIngestionWatermarkAsync("t", "c"));
    }
}
