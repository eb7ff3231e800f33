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

/// <summary>
/// The stores a test class makes over one <see cref="TempSchema"/> (created on first use, so a skipped class never needs the
/// server): disposed, then the schema dropped, when the class is.
/// </summary>
public sealed class TempSchemaStores : IDisposable
{
    private readonly Lazy<TempSchema> _schema = new(() => new TempSchema());
    private readonly List<IDisposable> _stores = [];

    /// <summary>The options of the schema (see <see cref="TempSchema.Options"/>).</summary>
    public PostgreSqlConnectorOptions Options(int copyThreshold = 256) => _schema.Value.Options(copyThreshold);

    /// <summary>Keeps <paramref name="store"/> to dispose with the schema.</summary>
    public T Own<T>(T store)
        where T : IDisposable
    {
        _stores.Add(store);
        return store;
    }

    public void Dispose()
    {
        _stores.ForEach(s => s.Dispose());
        if (_schema.IsValueCreated)
        {
            _schema.Value.Dispose();
        }
    }
}
