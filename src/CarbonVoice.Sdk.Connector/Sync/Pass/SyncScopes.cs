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

    /// <summary>
    /// The change feed's resume token (<c>GET /v6/messages/updates</c>): saved after each page's records are stored, so a
    /// delta resumes where the last one stopped; dropped when the service refuses it (the next delta re-anchors by date).
    /// </summary>
    public const string ChangesCursor = "changes:cursor";

    /// <summary>The version of the checkpoint layout; a store without it was written by a version that synced on guessed routes.</summary>
    public const string Format = "sync:format";

    /// <summary>The current <see cref="Format"/>: v6 feeds, conversations listed once then followed through the change feed.</summary>
    public const string CurrentFormat = "2";

    /// <summary>Scope prefixes of the first layout (sequence cursors, pending transcripts by sequence), dropped by the migration.</summary>
    public static readonly IReadOnlyList<string> LegacyPrefixes = ["messages:", "pending:", "full-swept:"];

    /// <summary>
    /// Set once a conversation's complete history was listed and swept: to the full sync's marker (its <see cref="FullPending"/>
    /// value) during a full sync, so a resumed attempt re-lists only the others; to the delta's high-water mark when a delta
    /// meets a conversation for the first time. A conversation without it is listed in full, even by a delta.
    /// </summary>
    public static string Listed(string conversationId) => "listed:" + conversationId;
}
