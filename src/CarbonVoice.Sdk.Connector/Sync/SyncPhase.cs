namespace CarbonVoice.Sdk.Connector;

/// <summary>The phases of a sync, in order.</summary>
public enum SyncPhase
{
    /// <summary>The run started.</summary>
    Starting,

    /// <summary>Verifying the connection (<c>/whoami</c>).</summary>
    User,

    /// <summary>Listing workspaces.</summary>
    Workspaces,

    /// <summary>Listing conversations and action items per workspace.</summary>
    Conversations,

    /// <summary>Reading messages per conversation (and summaries).</summary>
    Messages,

    /// <summary>Reading what changed since the last sync (the change feed, <c>GET /v6/messages/updates</c>).</summary>
    Changes,

    /// <summary>The run finished; <see cref="SyncProgress.Status"/> has the outcome.</summary>
    Completed,
}
