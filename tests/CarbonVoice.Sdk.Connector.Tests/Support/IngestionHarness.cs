
namespace CarbonVoice.Sdk.Connector.Tests.Support;

/// <summary>In-memory stores plus an ingestion service over them.</summary>
public sealed class IngestionHarness
{
    public IngestionHarness(IngestionOptions? options = null, PillarMappingOptions? pillars = null, IRawDataStore? raw = null, IChunkStore? chunks = null, ISyncStateStore? state = null)
    {
        Options = options ?? new IngestionOptions();
        Raw = raw ?? new InMemoryRawDataStore(Time);
        Chunks = chunks ?? new InMemoryChunkStore(Time);
        State = state ?? new InMemorySyncStateStore(Time);
        Service = new CarbonVoiceIngestionService(Raw, Chunks, State, new KeywordPillarMapper(Microsoft.Extensions.Options.Options.Create(pillars ?? new PillarMappingOptions())), TiktokenTokenCounter.Shared, Microsoft.Extensions.Options.Options.Create(Options), Time);
    }

    public TimerWatchingTimeProvider Time { get; } = new(new DateTimeOffset(2026, 2, 10, 0, 0, 0, TimeSpan.Zero));

    public IngestionOptions Options { get; }

    public IRawDataStore Raw { get; }

    public IChunkStore Chunks { get; }

    public ISyncStateStore State { get; }

    public CarbonVoiceIngestionService Service { get; }

    public Task<SyncRun> IngestAsync() => Service.IngestAsync(RawPayloads.TenantId, RawPayloads.ConnectorId);

    public async Task<List<StoredChunk>> AllChunksAsync(ChunkQuery? query = null)
    {
        var all = new List<StoredChunk>();
        string? token = null;
        do
        {
            var page = await Chunks.QueryAsync(query ?? new ChunkQuery(RawPayloads.TenantId, RawPayloads.ConnectorId), token, 500);
            all.AddRange(page.Items);
            token = page.ContinuationToken;
        }
        while (token is not null);
        return all;
    }
}
