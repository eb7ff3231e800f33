using Microsoft.Data.Sqlite;

namespace CarbonVoice.Sdk.Connector.Tests.Support;

/// <summary>A SQLite file in the temp folder, deleted (with its WAL files) on dispose.</summary>
public sealed class TempSqliteFile : IDisposable
{
    public TempSqliteFile()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"cv-connector-{Guid.NewGuid():N}.db");
    }

    public string Path { get; }

    public string ConnectionString => $"Data Source={Path}";

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            try
            {
                File.Delete(Path + suffix);
            }
            catch (IOException)
            {
            }
        }
    }
}
