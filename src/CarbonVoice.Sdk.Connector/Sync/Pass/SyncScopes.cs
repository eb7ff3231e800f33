namespace CarbonVoice.Sdk.Connector.Internal;

/// <summary>The checkpoint scopes the sync keeps in the <see cref="ISyncStateStore"/>.</summary>
internal static class SyncScopes
{
    /// <summary>The high-water mark of the last finished sync (ISO 8601): the next delta asks for changes since it.</summary>
    public const string HighWaterMark = "sync:hwm";

    /// <summary>Set while a full sync has not finished: the high-water mark of its first attempt, so a resumed run keeps it.</summary>
    public const string FullPending = "sync:full-pending";

    /// <summary>The connector's enabled entity keys, comma separated.</summary>
    public const string EnabledEntities = "config:entities";

    /// <summary>The messages cursor of a conversation: the continuation token that read its last non-empty window ("" for the start).</summary>
    public static string Messages(string conversationId) => "messages:" + conversationId;

    /// <summary>
    /// Set to the full sync's marker (its <see cref="FullPending"/> value) once a conversation's complete listing was read and
    /// swept during that full sync: a resumed attempt skips the sweep only for these, and re-lists the others from the start.
    /// </summary>
    public static string FullSwept(string conversationId) => "full-swept:" + conversationId;

    /// <summary>Messages of a conversation stored without a transcript: <c>sequence:createdUnixSeconds</c>, comma separated.</summary>
    public static string PendingTranscripts(string conversationId) => "pending:" + conversationId;
}
