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
}
