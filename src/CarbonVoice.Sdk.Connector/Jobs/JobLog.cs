using Microsoft.Extensions.Logging;

namespace CarbonVoice.Sdk.Connector;

/// <summary>The log messages of the job handler and scheduler (source-generated; ids 100–119).</summary>
internal static partial class JobLog
{
    [LoggerMessage(100, LogLevel.Information, "Queued {Count} scheduled sync job(s).")]
    public static partial void ScheduledSyncsQueued(ILogger logger, int count);

    [LoggerMessage(101, LogLevel.Information, "Job {JobId} ({Kind}) of {TenantId}/{ConnectorId} is waiting: another run holds the connector's lease until {BusyUntil}.")]
    public static partial void JobBusy(ILogger logger, string jobId, ConnectorJobKind kind, string tenantId, string connectorId, DateTimeOffset? busyUntil);

    [LoggerMessage(102, LogLevel.Information, "Job {JobId} ({Kind}) of {TenantId}/{ConnectorId} ran {RunId}: {Status}.")]
    public static partial void JobRan(ILogger logger, string jobId, ConnectorJobKind kind, string tenantId, string connectorId, string runId, SyncRunStatus status);

    [LoggerMessage(103, LogLevel.Warning, "Job {JobId} ({Kind}) of {TenantId}/{ConnectorId} failed.")]
    public static partial void JobFailed(ILogger logger, Exception exception, string jobId, ConnectorJobKind kind, string tenantId, string connectorId);

    [LoggerMessage(104, LogLevel.Warning, "A progress entry of job {JobId} could not be written; progress is best effort and the run record stays the truth.")]
    public static partial void ProgressWriteFailed(ILogger logger, Exception exception, string jobId);
}
