namespace CarbonVoice.Sdk.Connector;

/// <summary>A piece of text ready for retrieval, produced by ingestion from one source (a raw record or a group of them).</summary>
public sealed record Chunk
{
    /// <summary>The deterministic id: see <see cref="ChunkIds.For"/>.</summary>
    public required string ChunkId { get; init; }

    /// <summary>The tenant.</summary>
    public required string TenantId { get; init; }

    /// <summary>The connector.</summary>
    public required string ConnectorId { get; init; }

    /// <summary>The source the chunk came from, for example <c>conversation:{id}</c> or <c>action_item:{id}</c>.</summary>
    public required string SourceKey { get; init; }

    /// <summary>The chunk's position within its source, from 0.</summary>
    public required int Index { get; init; }

    /// <summary>The entity type of the source (<c>message</c>, <c>action_item</c>, <c>conversation_summary</c>).</summary>
    public required string EntityType { get; init; }

    /// <summary>The workspace, when known.</summary>
    public string? WorkspaceId { get; init; }

    /// <summary>The conversation, when the chunk belongs to one.</summary>
    public string? ConversationId { get; init; }

    /// <summary>The BDE pillar the chunk maps to.</summary>
    public required string Pillar { get; init; }

    /// <summary>The text, starting with its header line.</summary>
    public required string Text { get; init; }

    /// <summary>The number of tokens of <see cref="Text"/>.</summary>
    public int TokenCount { get; init; }

    /// <summary>The hash of the text, pillar and metadata: equal hashes mean the chunk is unchanged.</summary>
    public required string ContentHash { get; init; }

    /// <summary>Metadata such as speakers, times, message ids.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();
}
