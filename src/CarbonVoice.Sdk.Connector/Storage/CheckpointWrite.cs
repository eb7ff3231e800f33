namespace CarbonVoice.Sdk.Connector;

/// <summary>A checkpoint to commit together with the records it covers (see <see cref="ICheckpointedRawDataStore"/>).</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="ConnectorId">The connector.</param>
/// <param name="Scope">The checkpoint's scope (as for <see cref="ISyncStateStore.SetCheckpointAsync"/>).</param>
/// <param name="Value">The value; null removes the checkpoint.</param>
public sealed record CheckpointWrite(string TenantId, string ConnectorId, string Scope, string? Value);
