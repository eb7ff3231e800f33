namespace CarbonVoice.Sdk.Connector.AspNetCore;

/// <summary>One progress update sent over <c>/ws/{tenant_id}</c> (snake_case JSON).</summary>
/// <param name="Type"><c>sync_progress</c>, <c>ingest_progress</c> or <c>connector_status</c>.</param>
/// <param name="ConnectorId">The connector.</param>
/// <param name="SyncLogId">The run (sync or ingestion), when the update is about one.</param>
/// <param name="Status">The run's status (<c>running</c>, <c>succeeded</c>, <c>failed</c>, <c>cancelled</c>, <c>expired</c>) or the connector's status.</param>
/// <param name="Phase">The phase of the run, for example <c>messages</c>.</param>
/// <param name="Entity">The entity being processed.</param>
/// <param name="Processed">Items processed so far.</param>
/// <param name="Total">Items expected, when known.</param>
/// <param name="Percent">0–100 when the total is known; 100 when the run finished.</param>
/// <param name="Message">A human-readable note (errors included).</param>
/// <param name="At">When it happened.</param>
public sealed record ProgressMessage(
    string Type,
    string ConnectorId,
    string? SyncLogId,
    string Status,
    string? Phase,
    string? Entity,
    long Processed,
    long? Total,
    double? Percent,
    string? Message,
    DateTimeOffset At)
{
    /// <summary>The <c>connector_status</c> update sent when a connector moves to <c>expired</c> (its token can no longer be refreshed).</summary>
    internal static ProgressMessage ConnectorExpired(string connectorId, string? runId, string? message, DateTimeOffset at)
        => new("connector_status", connectorId, runId, ConnectorStatuses.Expired, null, null, 0, null, null, message, at);
}
