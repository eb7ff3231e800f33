namespace CarbonVoice.Sdk.Connector;

/// <summary>How the connector syncs.</summary>
public sealed class SyncOptions
{
    /// <summary>Conversations synced at once, sharing one SDK client (and its rate-limit state). 4 by default.</summary>
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>The sequence window per messages request, 1–500. 100 by default.</summary>
    public int MessageWindowSize { get; set; } = 100;

    /// <summary>Messages per <c>/v3/messages/notified</c> request, 1–100. 100 by default.</summary>
    public int NotifiedPageSize { get; set; } = 100;

    /// <summary>
    /// Subtracted from the high-water mark taken before a sync, to cover clock skew between this host and the service;
    /// the overlap is harmless because records are de-duplicated by key and content hash. 5 minutes by default.
    /// </summary>
    public TimeSpan HighWaterMarkSafetyMargin { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Messages stored without a transcript are re-read on later delta syncs for this long after their creation. 1 day by default.</summary>
    public TimeSpan PendingTranscriptMaxAge { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How long the sync lease of a connector lasts between renewals. 5 minutes by default.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The most errors kept in the run record (all are counted). 200 by default.</summary>
    public int MaxRecordedErrors { get; set; } = 200;

    /// <summary>Whether a finished sync queues an ingestion request. True by default.</summary>
    public bool EnqueueIngestionAfterSync { get; set; } = true;

    /// <summary>
    /// How long a finished sync waits for room in a full ingestion queue before it gives up on queuing (with a warning in
    /// the log); the changes are ingested by the next request. 5 seconds by default.
    /// </summary>
    public TimeSpan IngestionEnqueueTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
