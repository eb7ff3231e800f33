namespace CarbonVoice.Sdk.Connector;

/// <summary>A filter over the chunks of one connector; null members match everything.</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="ConnectorId">The connector.</param>
public sealed record ChunkQuery(string TenantId, string ConnectorId)
{
    /// <summary>Only chunks of this pillar.</summary>
    public string? Pillar { get; init; }

    /// <summary>Only chunks of this conversation.</summary>
    public string? ConversationId { get; init; }

    /// <summary>Only chunks of this source.</summary>
    public string? SourceKey { get; init; }

    /// <summary>Only chunks of this entity type.</summary>
    public string? EntityType { get; init; }
}
