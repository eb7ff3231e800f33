namespace CarbonVoice.Sdk.Connector;

/// <summary>The identity of a raw record: one item of one entity type of one connector of one tenant.</summary>
/// <param name="TenantId">The BDE tenant.</param>
/// <param name="ConnectorId">The connector (one connected Carbon Voice account).</param>
/// <param name="EntityType">The entity type key, for example <c>message</c> (see <see cref="CarbonVoiceEntities"/>).</param>
/// <param name="ExternalId">The item's id in Carbon Voice.</param>
public readonly record struct RawRecordKey(string TenantId, string ConnectorId, string EntityType, string ExternalId)
{
    /// <summary>The key as one string, <c>tenant/connector/entity/id</c>, for logs and chunk source keys.</summary>
    public override string ToString() => $"{TenantId}/{ConnectorId}/{EntityType}/{ExternalId}";
}
