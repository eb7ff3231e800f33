namespace CarbonVoice.Sdk.Connector;

/// <summary>How the connector syncs.</summary>
public sealed class SyncOptions
{
    /// <summary>Conversations synced at once, sharing one SDK client (and its rate-limit state). 4 by default.</summary>
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>Messages per request of a conversation's history (<c>GET /v6/messages</c>), 1–200. 200 (the service's maximum) by default.</summary>
    public int MessagePageSize { get; set; } = MessageFeedOptions.MaxPageSize;

    /// <summary>Messages per request of the change feed (<c>GET /v6/messages/updates</c>), 1–200. 200 (the service's maximum) by default.</summary>
    public int ChangesPageSize { get; set; } = MessageFeedOptions.MaxPageSize;

    /// <summary>
    /// Subtracted from the high-water mark taken before a sync, to cover clock skew between this host and the service. The
    /// change feed is anchored at the mark on the first delta after a full sync, and again whenever the service refuses
    /// the stored cursor; the overlap is harmless because records are de-duplicated by key and content hash. 5 minutes by default.
    /// </summary>
    public TimeSpan HighWaterMarkSafetyMargin { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Whether a message's raw record keeps its word timings (<c>content.time_codes</c>, one entry per word). Off by
    /// default: the timings are large and ingestion does not use them; the record keeps the words as
    /// <c>content.transcript</c> instead (voice messages arrive with an empty transcript and the words only in the timings).
    /// </summary>
    public bool KeepWordTimings { get; set; }

    /// <summary>
    /// Whether the text of text attachments (plain text, markdown, CSV, JSON, HTML) is downloaded through a signed URL
    /// (<c>GET /attachments/signedurl/{id}</c>) and kept in the attachment's raw record, so ingestion chunks it. Off by
    /// default (attachments are then recorded with their metadata only); the sample host turns it on. An attachment whose id,
    /// size and MIME type are unchanged since the last download is not downloaded again.
    /// </summary>
    public bool FetchTextAttachments { get; set; }

    /// <summary>The largest text attachment downloaded, in bytes (larger ones are recorded with their metadata only). 1 MiB by default.</summary>
    public long MaxAttachmentBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// How many syncs retry the download of a text attachment that failed (a network error, an expired URL) before giving
    /// up on it; each failure is recorded in the run. 5 by default.
    /// </summary>
    public int AttachmentRetryLimit { get; set; } = 5;

    /// <summary>
    /// How long the sync lease of a connector lasts unless renewed. A live run renews it every third of this (on the
    /// <see cref="TimeProvider"/>); when its process dies, the next run of the connector is refused for at most this long,
    /// after which the dead run is marked <see cref="SyncRunStatus.Interrupted"/>. 30 seconds by default.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The most errors kept in the run record (all are counted). 200 by default.</summary>
    public int MaxRecordedErrors { get; set; } = 200;

    /// <summary>Whether a finished sync queues an ingestion request. True by default.</summary>
    public bool EnqueueIngestionAfterSync { get; set; } = true;

    /// <summary>
    /// How long a finished sync waits for room in a full ingestion queue before it gives up on queuing (with a warning in
    /// the log); the changes are ingested by the next request. 5 seconds by default. Only a queue that can be full waits: a
    /// job queue (Azure Storage Queues) has no room to wait for and always finishes a send it started.
    /// </summary>
    public TimeSpan IngestionEnqueueTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
