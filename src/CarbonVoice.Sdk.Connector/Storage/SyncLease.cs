namespace CarbonVoice.Sdk.Connector;

/// <summary>The right to sync one connector until <see cref="ExpiresAt"/>, held by <see cref="Holder"/>.</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="ConnectorId">The connector.</param>
/// <param name="Holder">Who holds it (for example a host name plus a run id).</param>
/// <param name="ExpiresAt">When it lapses unless renewed.</param>
public sealed record SyncLease(string TenantId, string ConnectorId, string Holder, DateTimeOffset ExpiresAt);
