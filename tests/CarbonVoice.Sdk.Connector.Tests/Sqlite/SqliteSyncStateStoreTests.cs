using CarbonVoice.Sdk.Connector.Sqlite;
using CarbonVoice.Sdk.Connector.Tests.Conformance;
using CarbonVoice.Sdk.Connector.Tests.Support;

namespace CarbonVoice.Sdk.Connector.Tests.Sqlite;

/// <summary>Every peer is a separate store instance over the same file, as a second process would be.</summary>
public sealed class SqliteSyncStateStoreTests : SyncStateStoreConformance
{
    private readonly TempSqliteFile _file = new();
    private readonly List<IDisposable> _stores = [];

    protected override ISyncStateStore CreateStore(TimeProvider time) => CreatePeer(time);

    protected override ISyncStateStore CreatePeer(TimeProvider time)
    {
        var store = new SqliteSyncStateStore(_file.ConnectionString, time);
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
