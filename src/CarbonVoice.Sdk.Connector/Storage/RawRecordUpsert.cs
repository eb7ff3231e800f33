namespace CarbonVoice.Sdk.Connector;

/// <summary>One record to write into an <see cref="IRawDataStore"/>.</summary>
public sealed record RawRecordUpsert
{
    /// <summary>The record's identity.</summary>
    public required RawRecordKey Key { get; init; }

    /// <summary>The parent: the workspace of a conversation or action item, the conversation of a message or summary.</summary>
    public string? ParentId { get; init; }

    /// <summary>The JSON payload as received.</summary>
    public required string Payload { get; init; }

    /// <summary>The <see cref="RawContentHash"/> of the payload: equal hashes mean unchanged content.</summary>
    public required string ContentHash { get; init; }

    /// <summary>The item's own last-change time at the source, when it has one.</summary>
    public DateTimeOffset? SourceUpdatedAt { get; init; }

    /// <summary>True to store the record as a tombstone (the item was deleted at the source).</summary>
    public bool IsDeleted { get; init; }

    /// <summary>Builds an upsert from a JSON payload, computing its content hash with the default volatile fields.</summary>
    /// <param name="key">The record's identity.</param>
    /// <param name="payload">The JSON payload.</param>
    /// <param name="parentId">The parent id.</param>
    /// <param name="sourceUpdatedAt">The source's last-change time.</param>
    /// <param name="isDeleted">Whether the item is deleted.</param>
    public static RawRecordUpsert FromJson(RawRecordKey key, string payload, string? parentId = null, DateTimeOffset? sourceUpdatedAt = null, bool isDeleted = false)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return new RawRecordUpsert
        {
            Key = key,
            Payload = payload,
            ContentHash = RawContentHash.Compute(payload),
            ParentId = parentId,
            SourceUpdatedAt = sourceUpdatedAt,
            IsDeleted = isDeleted,
        };
    }
}
