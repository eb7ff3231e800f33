using CarbonVoice.Sdk.Connector.PostgreSql.Tests.Support;
using CarbonVoice.Sdk.Connector.Tests.Conformance;

namespace CarbonVoice.Sdk.Connector.PostgreSql.Tests.Conformance;

/// <summary>The raw data contract on PostgreSQL, through the unnest path (small batches).</summary>
[RequiresServer(TestServers.PostgreSqlVariable)]
public sealed class PostgreSqlRawDataStoreTests : RawDataStoreConformance
{
    private readonly TempSchemaStores _pg = new();

    protected override IRawDataStore CreateStore(TimeProvider time) => _pg.Own(new PostgreSqlRawDataStore(_pg.Options(), time));

    public override void Dispose()
    {
        _pg.Dispose();
        base.Dispose();
    }
}

/// <summary>The raw data contract again with every batch written by binary COPY into the staging table.</summary>
[RequiresServer(TestServers.PostgreSqlVariable)]
public sealed class PostgreSqlRawDataStoreCopyTests : RawDataStoreConformance
{
    private readonly TempSchemaStores _pg = new();

    protected override IRawDataStore CreateStore(TimeProvider time) => _pg.Own(new PostgreSqlRawDataStore(_pg.Options(copyThreshold: 1), time));

    public override void Dispose()
    {
        _pg.Dispose();
        base.Dispose();
    }
}

[RequiresServer(TestServers.PostgreSqlVariable)]
public sealed class PostgreSqlChunkStoreTests : ChunkStoreConformance
{
    private readonly TempSchemaStores _pg = new();

    protected override IChunkStore CreateStore(TimeProvider time) => _pg.Own(new PostgreSqlChunkStore(_pg.Options(), time));

    public override void Dispose()
    {
        _pg.Dispose();
        base.Dispose();
    }
}

/// <summary>The chunk contract with every batch written by binary COPY.</summary>
[RequiresServer(TestServers.PostgreSqlVariable)]
public sealed class PostgreSqlChunkStoreCopyTests : ChunkStoreConformance
{
    private readonly TempSchemaStores _pg = new();

    protected override IChunkStore CreateStore(TimeProvider time) => _pg.Own(new PostgreSqlChunkStore(_pg.Options(copyThreshold: 1), time));

    public override void Dispose()
    {
        _pg.Dispose();
        base.Dispose();
    }
}

/// <summary>Every peer is a separate store with its own connection pool over the same schema, as another process or machine would be.</summary>
[RequiresServer(TestServers.PostgreSqlVariable)]
public sealed class PostgreSqlSyncStateStoreTests : SyncStateStoreConformance
{
    private readonly TempSchemaStores _pg = new();

    protected override ISyncStateStore CreateStore(TimeProvider time) => CreatePeer(time);

    protected override ISyncStateStore CreatePeer(TimeProvider time) => _pg.Own(new PostgreSqlSyncStateStore(_pg.Options(), time));

    public override void Dispose()
    {
        _pg.Dispose();
        base.Dispose();
    }
}

[RequiresServer(TestServers.PostgreSqlVariable)]
public sealed class PostgreSqlRunProgressStoreTests : RunProgressStoreConformance
{
    private readonly TempSchemaStores _pg = new();

    protected override IRunProgressStore CreateStore() => _pg.Own(new PostgreSqlRunProgressStore(_pg.Options()));

    public override void Dispose()
    {
        _pg.Dispose();
        base.Dispose();
    }
}

[RequiresServer(TestServers.PostgreSqlVariable)]
public sealed class PostgreSqlSyncScheduleStoreTests : SyncScheduleStoreConformance
{
    private readonly TempSchemaStores _pg = new();

    protected override ISyncScheduleStore CreateStore() => CreatePeer();

    protected override ISyncScheduleStore CreatePeer() => _pg.Own(new PostgreSqlSyncScheduleStore(_pg.Options()));

    public override void Dispose()
    {
        _pg.Dispose();
        base.Dispose();
    }
}
