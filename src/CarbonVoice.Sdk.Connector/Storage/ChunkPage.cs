namespace CarbonVoice.Sdk.Connector;

/// <summary>One page of a chunk query, ordered by source key (ordinal) and index.</summary>
/// <param name="Items">The chunks.</param>
/// <param name="ContinuationToken">Pass it back to read the next page; null on the last page.</param>
public sealed record ChunkPage(IReadOnlyList<StoredChunk> Items, string? ContinuationToken);
