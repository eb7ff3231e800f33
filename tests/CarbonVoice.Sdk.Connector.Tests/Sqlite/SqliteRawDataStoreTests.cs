using CarbonVoice.Sdk.Connector.Sqlite;
using CarbonVoice.Sdk.Connector.Tests.Conformance;
using CarbonVoice.Sdk.Connector.Tests.Support;

namespace CarbonVoice.Sdk.Connector.Tests.Sqlite;

public sealed class SqliteRawDataStoreTests : RawDataStoreConformance
{
    private readonly TempSqliteFile _file = new();
    private readonly List<IDisposable> _stores = [];

    protected override IRawDataStore CreateStore(TimeProvider time)
    {
        var store = new SqliteRawDataStore(_file.ConnectionString, time);
        _stores.Add(store);
        return store;
    }

    public override void Dispose()
    {
        _stores.ForEach(s => s.Dispose());
        _file.Dispose();
        base.Dispose();
    }

    [Fact]
    public async Task Data_survives_a_new_instance_and_sequences_keep_increasing()
    {
        var first = CreateStore(Time);
        var a = await first.UpsertAsync([Message("m1", "a")]);
        var second = CreateStore(Time);
        Assert.NotNull(await second.GetAsync(Key("m1")));
        var b = await second.UpsertAsync([Message("m2", "b")]);
        Assert.True(b[0].ChangeSequence > a[0].ChangeSequence);
    }
}
