using CarbonVoice.Sdk.Connector.PostgreSql.Tests.Support;
using CarbonVoice.Sdk.Connector.Tests.Conformance;

namespace CarbonVoice.Sdk.Connector.PostgreSql.Tests.Conformance;

/// <summary>The raw data contract on PostgreSQL, through the unnest path (small batches).</summary>
[RequiresServer(TestServers.PostgreSqlVariable)]
public sealed class PostgreSqlRawDataStoreTests : RawDataStoreConformance
{
    private readonly Lazy<TempSchema> _schema = new(() => new TempSchema());
    private readonly List<IDisposable> _stores = [];

    protected override IRawDataStore CreateStore(TimeProvider time) => Own(new PostgreSqlRawDataStore(_schema.Value.Options(), time));

    public override void Dispose()
    {
        _stores.ForEach(s => s.Dispose());
        if (_schema.IsValueCreated)
        {
            _schema.Value.Dispose();
        }

        base.Dispose();
    }

    private T Own<T>(T store)
        where T : IDisposable
    {
        _stores.Add(store);
        return store;
    }
}

/// <summary>The raw data contract again with every batch written by binary COPY into the staging table.</summary>
[RequiresServer(TestServers.PostgreSqlVariable)]
public sealed class PostgreSqlRawDataStoreCopyTests : RawDataStoreConformance
{
    private readonly Lazy<TempSchema> _schema = new(() => new TempSchema());
    private readonly List<IDisposable> _stores = [];

    protected override IRawDataStore CreateStore(TimeProvider time)
    {
        var store = new PostgreSqlRawDataStore(_schema.Value.Options(copyThreshold: 1), time);
        _stores.Add(store);
        return store;
    }

    public override void Dispose()
    {
        _stores.ForEach(s => s.Dispose());
        if (_schema.IsValueCreated)
        {
            _schema.Value.Dispose();
        }

        base.Dispose();
    }
}

[RequiresServer(TestServers.PostgreSqlVariable)]
public sealed class PostgreSqlChunkStoreTests : ChunkStoreConformance
{
    private readonly Lazy<TempSchema> _schema = new(() => new TempSchema());
    private readonly List<IDisposable> _stores = [];

    protected override IChunkStore CreateStore(TimeProvider time)
    {
        var store = new PostgreSqlChunkStore(_schema.Value.Options(), time);
        _stores.Add(store);
        return store;
    }

    public override void Dispose()
    {
        _stores.ForEach(s => s.Dispose());
        if (_schema.IsValueCreated)
        {
            _schema.Value.Dispose();
        }

        base.Dispose();
    }
}

/// <summary>The chunk contract with every batch written by binary COPY.</summary>
[RequiresServer(TestServers.PostgreSqlVariable)]
public sealed class PostgreSqlChunkStoreCopyTests : ChunkStoreConformance
{
    private readonly Lazy<TempSchema> _schema = new(() => new TempSchema());
    private readonly List<IDisposable> _stores = [];

    protected override IChunkStore CreateStore(TimeProvider time)
    {
        var store = new PostgreSqlChunkStore(_schema.Value.Options(copyThreshold: 1), time);
        _stores.Add(store);
        return store;
    }

    public override void Dispose()
    {
        _stores.ForEach(s => s.Dispose());
        if (_schema.IsValueCreated)
        {
            _schema.Value.Dispose();
        }

        base.Dispose();
    }
}

/// <summary>Every peer is a separate store with its own connection pool over the same schema, as another process or machine would be.</summary>
[RequiresServer(TestServers.PostgreSqlVariable)]
public sealed class PostgreSqlSyncStateStoreTests : SyncStateStoreConformance
{
    private readonly Lazy<TempSchema> _schema = new(() => new TempSchema());
    private readonly List<IDisposable> _stores = [];

    protected override ISyncStateStore CreateStore(TimeProvider time) => CreatePeer(time);

    protected override ISyncStateStore CreatePeer(TimeProvider time)
    {
        var store = new PostgreSqlSyncStateStore(_schema.Value.Options(), time);
        _stores.Add(store);
        return store;
    }

    public override void Dispose()
    {
        _stores.ForEach(s => s.Dispose());
        if (_schema.IsValueCreated)
        {
            _schema.Value.Dispose();
        }

        base.Dispose();
    }
}

[RequiresServer(TestServers.PostgreSqlVariable)]
public sealed class PostgreSqlRunProgressStoreTests : RunProgressStoreConformance
{
    private readonly Lazy<TempSchema> _schema = new(() => new TempSchema());
    private readonly List<IDisposable> _stores = [];

    protected override IRunProgressStore CreateStore()
    {
        var store = new PostgreSqlRunProgressStore(_schema.Value.Options());
        _stores.Add(store);
        return store;
    }

    public override void Dispose()
    {
        _stores.ForEach(s => s.Dispose());
        if (_schema.IsValueCreated)
        {
            _schema.Value.Dispose();
        }

        base.Dispose();
    }
}

[RequiresServer(TestServers.PostgreSqlVariable)]
public sealed class PostgreSqlSyncScheduleStoreTests : SyncScheduleStoreConformance
{
    private readonly Lazy<TempSchema> _schema = new(() => new TempSchema());
    private readonly List<IDisposable> _stores = [];

    protected override ISyncScheduleStore CreateStore() => CreatePeer();

    protected override ISyncScheduleStore CreatePeer()
    {
        var store = new PostgreSqlSyncScheduleStore(_schema.Value.Options());
        _stores.Add(store);
        return store;
    }

    public override void Dispose()
    {
        _stores.ForEach(s => s.Dispose());
        if (_schema.IsValueCreated)
        {
            _schema.Value.Dispose();
        }

        base.Dispose();
    }
}
