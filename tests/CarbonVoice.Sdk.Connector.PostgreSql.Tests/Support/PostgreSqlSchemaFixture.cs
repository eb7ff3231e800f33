using CarbonVoice.Sdk.Connector.Tests.Conformance;
using Npgsql;

namespace CarbonVoice.Sdk.Connector.PostgreSql.Tests.Support;

/// <summary>A fresh schema in the test PostgreSQL (<see cref="TestServers.PostgreSqlVariable"/>), dropped on dispose: every test starts empty.</summary>
public sealed class TempSchema : IDisposable
{
    public TempSchema()
    {
        ConnectionString = TestServers.Require(TestServers.PostgreSqlVariable);
        Name = "t_" + Guid.NewGuid().ToString("N")[..20];
    }

    public string ConnectionString { get; }

    public string Name { get; }

    public PostgreSqlConnectorOptions Options(int copyThreshold = 256) => new() { ConnectionString = ConnectionString, Schema = Name, CopyThreshold = copyThreshold };

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { SearchPath = Name }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        using var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{Name}\" CASCADE;", connection);
        command.ExecuteNonQuery();
    }
}

/// <summary>A test that needs the test PostgreSQL: skipped outside CI when it is not configured, failed in CI.</summary>
public sealed class PostgreSqlFactAttribute : FactAttribute
{
    public PostgreSqlFactAttribute() => Skip = TestServers.SkipReason(TestServers.PostgreSqlVariable);
}
