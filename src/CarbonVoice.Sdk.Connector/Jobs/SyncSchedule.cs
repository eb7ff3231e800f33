namespace CarbonVoice.Sdk.Connector;

/// <summary>A connector synced periodically: due at <see cref="NextDueAt"/>, then every <see cref="Interval"/>.</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="ConnectorId">The connector.</param>
/// <param name="Interval">The time between two scheduled syncs.</param>
/// <param name="NextDueAt">When the next sync is due.</param>
public sealed record SyncSchedule(string TenantId, string ConnectorId, TimeSpan Interval, DateTimeOffset NextDueAt);
