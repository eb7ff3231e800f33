namespace CarbonVoice.Sdk.Connector;

/// <summary>
/// A raw record without its payload: what a sweep compares with a listing, or what following the change feed needs for
/// records whose payload it does not read (<see cref="IRawDataStore.ListHeadersByParentAsync"/>,
/// <see cref="IRawDataStore.ReadChangedHeadersSinceAsync"/>).
/// </summary>
public sealed record RawRecordHeader
{
    /// <summary>The record's key.</summary>
    public required RawRecordKey Key { get; init; }

    /// <summary>The parent's external id (a message's conversation), if any.</summary>
    public string? ParentId { get; init; }

    /// <summary>The hash of the canonical payload.</summary>
    public required string ContentHash { get; init; }

    /// <summary>Whether the record is a tombstone.</summary>
    public bool IsDeleted { get; init; }

    /// <summary>The store-wide sequence of the record's last change.</summary>
    public long ChangeSequence { get; init; }

    /// <summary>The header of a record.</summary>
    /// <param name="record">The record.</param>
    public static RawRecordHeader Of(RawRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new RawRecordHeader
        {
            Key = record.Key,
            ParentId = record.ParentId,
            ContentHash = record.ContentHash,
            IsDeleted = record.IsDeleted,
            ChangeSequence = record.ChangeSequence,
        };
    }
}
