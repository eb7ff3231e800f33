namespace CarbonVoice.Sdk.Connector.AspNetCore;

/// <summary>A run's counts split into records and chunks: an ingestion counts its chunks under their own key, which is not an entity.</summary>
internal static class RunCounts
{
    /// <summary>The key under which an ingestion run counts its chunks.</summary>
    public const string ChunkKey = SyncRun.ChunkCountsKey;

    /// <summary>The counts of the records the run processed (every entity, the chunks left out).</summary>
    public static IReadOnlyList<EntitySyncCounts> Records(SyncRun run) => [.. run.Counts.Where(p => p.Key != ChunkKey).Select(p => p.Value)];

    /// <summary>The chunk counts of an ingestion (zero when it wrote none); null for a sync.</summary>
    public static EntitySyncCounts? Chunks(SyncRun run)
        => run.Kind == SyncKind.Ingestion ? run.Counts.GetValueOrDefault(ChunkKey) ?? new EntitySyncCounts() : null;
}
