using CarbonVoice.Sdk.Connector.Sqlite;
using CarbonVoice.Sdk.Connector.Tests.Conformance;
using CarbonVoice.Sdk.Connector.Tests.Support;

namespace CarbonVoice.Sdk.Connector.Tests.Sqlite;

public sealed class SqliteChunkStoreTests : ChunkStoreConformance
{
    private readonly TempSqliteFile _file = new();
    private readonly List<IDisposable> _stores = [];

    protected override IChunkStore CreateStore(TimeProvider time)
    {
        var store = new SqliteChunkStore(_file.ConnectionString, time);
        _stores.Add(store);
        return store;
    }

    public override void Dispose()
    {
        _stores.ForEach(s => s.Dispose());
        _file.Dispose();
        base.Dispose();
    }
}
