namespace CarbonVoice.Sdk.Connector;

/// <summary>A chunk as an <see cref="IChunkStore"/> holds it.</summary>
/// <param name="Chunk">The chunk.</param>
/// <param name="CreatedAt">When the chunk was first written.</param>
/// <param name="UpdatedAt">When its content last changed.</param>
public sealed record StoredChunk(Chunk Chunk, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
