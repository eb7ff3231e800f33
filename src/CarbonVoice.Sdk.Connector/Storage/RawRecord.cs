namespace CarbonVoice.Sdk.Connector;

/// <summary>A raw record as an <see cref="IRawDataStore"/> holds it.</summary>
public sealed record RawRecord
{
    /// <summary>The record's identity.</summary>
    public required RawRecordKey Key { get; init; }

    /// <summary>The parent (workspace or conversation) id.</summary>
    public string? ParentId { get; init; }

    /// <summary>The JSON payload as received.</summary>
    public required string Payload { get; init; }

    /// <summary>The content hash (volatile fields excluded).</summary>
    public required string ContentHash { get; init; }

    /// <summary>The source's last-change time, when known.</summary>
    public DateTimeOffset? SourceUpdatedAt { get; init; }

    /// <summary>True when the item was deleted at the source (a tombstone).</summary>
    public bool IsDeleted { get; init; }

    /// <summary>When the store first saw the record.</summary>
    public DateTimeOffset FirstSeenAt { get; init; }

    /// <summary>When the record's content or deletion state last changed in the store.</summary>
    public DateTimeOffset LastChangedAt { get; init; }

    /// <summary>The store-wide, strictly increasing number of the record's last change: the ingestion watermark.</summary>
    public long ChangeSequence { get; init; }
}
