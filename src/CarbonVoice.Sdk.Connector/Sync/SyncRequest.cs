namespace CarbonVoice.Sdk.Connector;

/// <summary>A request to sync one connector.</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="ConnectorId">The connector (also the SDK connection id when the client comes from the factory).</param>
public sealed record SyncRequest(string TenantId, string ConnectorId)
{
    /// <summary>Full, delta or automatic.</summary>
    public SyncMode Mode { get; init; } = SyncMode.Auto;

    /// <summary>The entity types to sync; null for the connector's saved setting (or the defaults).</summary>
    public IReadOnlySet<string>? EnabledEntities { get; init; }

    /// <summary>
    /// Limits the run to these conversations (channel ids); null (the default) for all. A scoped run reads the message
    /// windows (and summaries) of these conversations only, keeps only their messages from the changes feed since the
    /// connector's high-water mark, skips action items, and never moves the connector-wide high-water mark nor finishes
    /// a pending full sync. Without a high-water mark yet (or with <see cref="SyncMode.Full"/>) the given conversations are
    /// listed from the start and swept. Must not be empty when set.
    /// </summary>
    public IReadOnlyCollection<string>? ConversationIds { get; init; }
}
