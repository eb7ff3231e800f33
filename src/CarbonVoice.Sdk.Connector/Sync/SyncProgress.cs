namespace CarbonVoice.Sdk.Connector;

/// <summary>A progress event of a sync run, suitable for forwarding to a WebSocket. The last event (phase <see cref="SyncPhase.Completed"/>) matches the saved run record.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Phase">The phase.</param>
public sealed record SyncProgress(string RunId, SyncPhase Phase)
{
    /// <summary>The entity type the event is about, if any.</summary>
    public string? EntityType { get; init; }

    /// <summary>The counts so far, per entity type.</summary>
    public IReadOnlyDictionary<string, EntitySyncCounts> Counts { get; init; } = new Dictionary<string, EntitySyncCounts>();

    /// <summary>Percent done (0–100) when the total is known (conversations in the messages phase), else null.</summary>
    public double? Percent { get; init; }

    /// <summary>The error this event reports, if any.</summary>
    public SyncError? Error { get; init; }

    /// <summary>The number of errors so far.</summary>
    public long ErrorCount { get; init; }

    /// <summary>The run status (final on the <see cref="SyncPhase.Completed"/> event).</summary>
    public SyncRunStatus Status { get; init; } = SyncRunStatus.Running;

    /// <summary>A human-readable note.</summary>
    public string? Message { get; init; }
}
