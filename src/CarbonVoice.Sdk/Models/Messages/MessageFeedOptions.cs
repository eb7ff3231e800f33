namespace CarbonVoice.Sdk;

/// <summary>
/// Options of the v6 feeds, <see cref="IMessagesClient.ListHistoryAsync"/> (<c>GET /v6/messages</c>) and
/// <see cref="IMessagesClient.ListUpdatesAsync"/> (<c>GET /v6/messages/updates</c>).
/// </summary>
public sealed record MessageFeedOptions
{
    /// <summary>The largest page the service serves (and the default): asking for more is a 400, so the SDK refuses it first.</summary>
    public const int MaxPageSize = 200;

    /// <summary>
    /// The anchor of the first page (<c>date</c>): with <see cref="MessageDirections.Newer"/> rows from this time on, with
    /// <see cref="MessageDirections.Older"/> rows up to it. Null leaves it to the service (the oldest row for newer, the
    /// newest for older). Ignored when the list is resumed from a continuation token: the cursor supersedes the date.
    /// </summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>
    /// <see cref="MessageDirections.Newer"/> (ascending) or <see cref="MessageDirections.Older"/> (descending).
    /// Null means newer for the updates feed and older for the history feed.
    /// </summary>
    public string? Direction { get; init; }

    /// <summary>Messages per request, 1–200; the service's default (200) when null.</summary>
    public int? PageSize { get; init; }

    /// <summary>Only messages of this conversation; all the caller's conversations when null.</summary>
    public string? ConversationId { get; init; }

    /// <summary>The language to return transcripts in, for example <c>en</c>; the original language by default.</summary>
    public string? Language { get; init; }

    /// <summary>Whether to include presigned audio URLs (<see cref="MessageV6Content.PresignedUrl"/>).</summary>
    public bool? PresignedUrl { get; init; }

    /// <summary>Whether a changed message comes with its unchanged content too (the service's default: true).</summary>
    public bool? IncludeUnchangedContent { get; init; }
}
