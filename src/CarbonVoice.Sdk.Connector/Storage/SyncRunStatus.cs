namespace CarbonVoice.Sdk.Connector;

/// <summary>The status of a run in the sync log.</summary>
public enum SyncRunStatus
{
    /// <summary>The run is in progress (or its process died; a later run with the lease supersedes it).</summary>
    Running,

    /// <summary>The run finished; individual item errors may still be listed.</summary>
    Succeeded,

    /// <summary>The run stopped on an error.</summary>
    Failed,

    /// <summary>The run was cancelled.</summary>
    Cancelled,

    /// <summary>The connection's token can no longer be refreshed: the user must reconnect.</summary>
    Expired,
}
