using CarbonVoice.Sdk.Connector;

namespace CarbonVoice.Worker.Measurement;

/// <summary>What a connector's stores hold, as sorted lines: equal fingerprints mean the same records and chunks.</summary>
public static class StoreFingerprint
{
    /// <summary>Every raw record as <c>entity/id hash live|deleted parent</c>, sorted.</summary>
    public static async Task<List<string>> RawAsync(IRawDataStore raw, string tenantId, string connectorId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var lines = new List<string>();
        long watermark = 0;
        RawRecordPage page;
        do
        {
            page = await raw.ReadChangedSinceAsync(tenantId, connectorId, watermark, 1000, cancellationToken).ConfigureAwait(false);
            lines.AddRange(page.Items.Select(r => $"{r.Key.EntityType}/{r.Key.ExternalId} {r.ContentHash} {(r.IsDeleted ? "deleted" : "live")} {r.ParentId}"));
            watermark = page.NextWatermark;
        }
        while (page.HasMore);
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    /// <summary>Every chunk as <c>id hash source#index</c>, sorted.</summary>
    public static async Task<List<string>> ChunksAsync(IChunkStore chunks, string tenantId, string connectorId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        var lines = new List<string>();
        string? token = null;
        do
        {
            var page = await chunks.QueryAsync(new ChunkQuery(tenantId, connectorId), token, 200, cancellationToken).ConfigureAwait(false);
            lines.AddRange(page.Items.Select(c => $"{c.Chunk.ChunkId} {c.Chunk.ContentHash} {c.Chunk.SourceKey}#{c.Chunk.Index}"));
            token = page.ContinuationToken;
        }
        while (token is not null);
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }
}
