using Microsoft.Extensions.Logging;

namespace CarbonVoice.Sdk.Connector.Internal;

/// <summary>The connector's log messages (source-generated).</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Ingestion of {TenantId}/{ConnectorId} finished with status {Status}: {ErrorCount} errors.")]
    public static partial void IngestionFinished(ILogger logger, string tenantId, string connectorId, SyncRunStatus status, long errorCount);

    [LoggerMessage(2, LogLevel.Warning, "Ingestion quarantined {EntityType} {ExternalId} of {TenantId}/{ConnectorId}: {Reason}")]
    public static partial void Quarantined(ILogger logger, string tenantId, string connectorId, string? entityType, string? externalId, string reason);

    [LoggerMessage(3, LogLevel.Error, "Ingestion of {TenantId}/{ConnectorId} failed.")]
    public static partial void IngestionFailed(ILogger logger, Exception exception, string tenantId, string connectorId);

    [LoggerMessage(4, LogLevel.Information, "{Kind} sync of {TenantId}/{ConnectorId} finished with status {Status}: {ErrorCount} errors.")]
    public static partial void SyncFinished(ILogger logger, SyncKind kind, string tenantId, string connectorId, SyncRunStatus status, long errorCount);

    [LoggerMessage(5, LogLevel.Warning, "Sync of {TenantId}/{ConnectorId} recorded an error in {Phase} for {EntityType} {ExternalId}: {Reason}")]
    public static partial void SyncItemFailed(ILogger logger, string tenantId, string connectorId, string phase, string? entityType, string? externalId, string reason);

    [LoggerMessage(6, LogLevel.Error, "Sync of {TenantId}/{ConnectorId} failed.")]
    public static partial void SyncFailed(ILogger logger, Exception exception, string tenantId, string connectorId);

    [LoggerMessage(7, LogLevel.Warning, "Sync of {TenantId}/{ConnectorId} stopped: the connection's token expired and must be re-authorized.")]
    public static partial void SyncExpired(ILogger logger, string tenantId, string connectorId);

    [LoggerMessage(8, LogLevel.Error, "The ingestion worker failed to process a request for {TenantId}/{ConnectorId}.")]
    public static partial void WorkerFailed(ILogger logger, Exception exception, string tenantId, string connectorId);

    [LoggerMessage(9, LogLevel.Information, "Skipped a request for {TenantId}/{ConnectorId}: another run holds the connector's lease.")]
    public static partial void Busy(ILogger logger, string tenantId, string connectorId);

    [LoggerMessage(10, LogLevel.Warning, "Sync of {TenantId}/{ConnectorId} finished but its ingestion request could not be queued ({Reason}); the next sync or a manual ingestion picks the changes up.")]
    public static partial void EnqueueSkipped(ILogger logger, string tenantId, string connectorId, string reason);

    [LoggerMessage(11, LogLevel.Information, "Another run holds the lease of {TenantId}/{ConnectorId}: its ingestion request is queued again in {Delay}.")]
    public static partial void BusyRequeued(ILogger logger, string tenantId, string connectorId, TimeSpan delay);

    [LoggerMessage(12, LogLevel.Warning, "The ingestion request for {TenantId}/{ConnectorId} could not be queued again.")]
    public static partial void RequeueFailed(ILogger logger, Exception exception, string tenantId, string connectorId);

    [LoggerMessage(13, LogLevel.Information, "Conversation {ConversationId} of {TenantId}/{ConnectorId} is gone (deleted, or the service answers 403): its raw data is tombstoned.")]
    public static partial void ConversationGone(ILogger logger, string tenantId, string connectorId, string conversationId);

    [LoggerMessage(14, LogLevel.Warning, "The service refused the stored change cursor of {TenantId}/{ConnectorId}; changes are read again since {Since:O}.")]
    public static partial void ChangesCursorRefused(ILogger logger, string tenantId, string connectorId, DateTimeOffset since);

    [LoggerMessage(15, LogLevel.Information, "The checkpoints of {TenantId}/{ConnectorId} were written by an earlier version ({Count} dropped): the next sync is a full one.")]
    public static partial void CheckpointsMigrated(ILogger logger, string tenantId, string connectorId, int count);

    [LoggerMessage(16, LogLevel.Warning, "The lease of {TenantId}/{LeaseKey} could not be released; it lapses by itself at {ExpiresAt:O}.")]
    public static partial void LeaseReleaseFailed(ILogger logger, Exception exception, string tenantId, string leaseKey, DateTimeOffset expiresAt);

    [LoggerMessage(17, LogLevel.Warning, "The end of run {RunId} ({Status}) of {TenantId}/{ConnectorId} could not be recorded (attempt {Attempt}); retrying in {Delay}.")]
    public static partial void FinalSaveRetrying(ILogger logger, Exception exception, string runId, string tenantId, string connectorId, SyncRunStatus status, int attempt, TimeSpan delay);

    [LoggerMessage(18, LogLevel.Error, "The end of run {RunId} ({Status}) of {TenantId}/{ConnectorId} could not be recorded after {Attempts} attempts: it shows as interrupted once its lease lapses.")]
    public static partial void FinalSaveFailed(ILogger logger, Exception exception, string runId, string tenantId, string connectorId, SyncRunStatus status, int attempts);

    [LoggerMessage(19, LogLevel.Warning, "Run {RunId} ({Kind}) of {TenantId}/{ConnectorId} was still marked running but its lease had lapsed: marked interrupted.")]
    public static partial void RunInterrupted(ILogger logger, string runId, SyncKind kind, string tenantId, string connectorId);
}
