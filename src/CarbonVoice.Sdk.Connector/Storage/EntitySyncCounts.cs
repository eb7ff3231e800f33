namespace CarbonVoice.Sdk.Connector;

/// <summary>The counts of one entity type in one run.</summary>
public sealed record EntitySyncCounts
{
    /// <summary>Items fetched from the API (or read from the raw store, for ingestion).</summary>
    public long Fetched { get; init; }

    /// <summary>Items written for the first time.</summary>
    public long New { get; init; }

    /// <summary>Items whose content changed.</summary>
    public long Changed { get; init; }

    /// <summary>Items whose content was unchanged (nothing written).</summary>
    public long Unchanged { get; init; }

    /// <summary>Items marked deleted.</summary>
    public long Deleted { get; init; }

    /// <summary>Items that failed or were quarantined.</summary>
    public long Failed { get; init; }

    /// <summary>Adds two counts.</summary>
    /// <param name="other">The other counts.</param>
    public EntitySyncCounts Add(EntitySyncCounts other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new EntitySyncCounts
        {
            Fetched = Fetched + other.Fetched,
            New = New + other.New,
            Changed = Changed + other.Changed,
            Unchanged = Unchanged + other.Unchanged,
            Deleted = Deleted + other.Deleted,
            Failed = Failed + other.Failed,
        };
    }
}
