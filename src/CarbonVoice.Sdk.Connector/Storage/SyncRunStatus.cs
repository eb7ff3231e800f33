namespace CarbonVoice.Sdk.Connector;

/// <summary>The status of a run in the sync log.</summary>
public enum SyncRunStatus
{
    /// <summary>
    /// The run is in progress, under a lease its process renews. A running run whose lease is no longer live (its process
    /// died, or could not record the run's end) is dead: it becomes <see cref="Interrupted"/> as soon as that is noticed.
    /// </summary>
    Running,

    /// <summary>The run finished; individual item errors may still be listed.</summary>
    Succeeded,

    /// <summary>The run stopped on an error.</summary>
    Failed,

    /// <summary>The run was cancelled.</summary>
    Cancelled,

    /// <summary>The connection's token can no longer be refreshed: the user must reconnect.</summary>
    Expired,

    /// <summary>
    /// The run's process died or could not record the run's end: its lease expired while the run was still marked
    /// <see cref="Running"/>. Set by a conditional write (<see cref="ISyncStateStore.TryInterruptRunAsync"/>) that never
    /// touches a run whose lease is live. Nothing is lost: the next run resumes from the checkpoints.
    /// </summary>
    Interrupted,
}
