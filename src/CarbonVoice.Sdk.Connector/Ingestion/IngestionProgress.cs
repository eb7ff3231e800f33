namespace CarbonVoice.Sdk.Connector;

/// <summary>The phases of an ingestion run, in order.</summary>
public enum IngestionPhase
{
    /// <summary>The run started (its run record exists in the sync log).</summary>
    Starting,

    /// <summary>Reading the raw records changed since the watermark (action items and summaries are chunked as they are read).</summary>
    Reading,

    /// <summary>Re-chunking the transcripts of the conversations whose messages or channel changed.</summary>
    Conversations,

    /// <summary>The run ended; <see cref="IngestionProgress.Status"/> is final and matches the saved run record.</summary>
    Completed,
}

/// <summary>A progress event of an ingestion run, suitable for forwarding to a WebSocket.</summary>
/// <param name="RunId">The run (its record is in the sync log, kind <see cref="SyncKind.Ingestion"/>).</param>
/// <param name="Phase">The phase.</param>
public sealed record IngestionProgress(string RunId, IngestionPhase Phase)
{
    /// <summary>Raw records read so far.</summary>
    public long RecordsRead { get; init; }

    /// <summary>Chunks written so far (new or changed; unchanged chunks are not written).</summary>
    public long ChunksWritten { get; init; }

    /// <summary>Chunks deleted so far.</summary>
    public long ChunksDeleted { get; init; }

    /// <summary>
    /// Percent done (0–100) when known: of the conversations of the current batch in <see cref="IngestionPhase.Conversations"/>,
    /// 100 on a successful <see cref="IngestionPhase.Completed"/>; null otherwise (the number of changed records is not known ahead).
    /// </summary>
    public double? Percent { get; init; }

    /// <summary>The number of errors (quarantined records) so far.</summary>
    public long ErrorCount { get; init; }

    /// <summary>The run status (final on the <see cref="IngestionPhase.Completed"/> event).</summary>
    public SyncRunStatus Status { get; init; } = SyncRunStatus.Running;

    /// <summary>A human-readable note.</summary>
    public string? Message { get; init; }
}
