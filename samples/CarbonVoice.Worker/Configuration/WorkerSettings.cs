namespace CarbonVoice.Worker.Configuration;

/// <summary>The worker's own settings (section <c>Worker</c>); the stores and the queue have theirs (<c>ConnectionStrings</c>, <c>Queue</c>).</summary>
public sealed class WorkerSettings
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Worker";

    /// <summary>The Data Protection key ring shared with the host (tokens are encrypted with it). Required; relative to the working folder unless absolute.</summary>
    public string? DataProtectionKeysPath { get; set; }

    /// <summary>The Data Protection application name shared with the host (the sample host's is <c>CarbonVoice.Sample.Host</c>, the default).</summary>
    public string DataProtectionApplicationName { get; set; } = "CarbonVoice.Sample.Host";

    /// <summary>The connectors' sync and ingestion leases (<c>SyncOptions.LeaseDuration</c>, <c>IngestionOptions.LeaseDuration</c>). 30 seconds by default.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Conversations synced at once per job. 4 by default.</summary>
    public int SyncConcurrency { get; set; } = 4;

    /// <summary>How often this worker queues the syncs that are due (<see cref="CarbonVoice.Sdk.Connector.SyncScheduler"/>); null (the default) leaves scheduling to another process (the Functions timer).</summary>
    public TimeSpan? ScheduleInterval { get; set; }

    /// <summary>Messages per history request (<c>SyncOptions.MessagePageSize</c>, 1–200). 200 by default.</summary>
    public int MessagePageSize { get; set; } = 200;

    /// <summary>Whether a finished sync queues its ingestion as a job (<c>SyncOptions.EnqueueIngestionAfterSync</c>). True by default.</summary>
    public bool IngestAfterSync { get; set; } = true;
}
