namespace CarbonVoice.Sdk.Connector.Internal;

/// <summary>
/// The raw record of an attachment (entity <c>attachment</c>, parent: the conversation): its metadata as the message
/// lists it, the message it belongs to, and what became of its text (<see cref="ContentStatus"/>; <see cref="Content"/>
/// holds the text of a fetched text document). Never holds a signed URL; the file's own address is kept without its query.
/// </summary>
internal sealed record AttachmentPayload
{
    public required string Id { get; init; }

    public required string MessageId { get; init; }

    public string? ConversationId { get; init; }

    public string? WorkspaceId { get; init; }

    /// <summary>Who posted the message (and so shared the file).</summary>
    public string? CreatorId { get; init; }

    public DateTimeOffset? CreatedAt { get; init; }

    public DateTimeOffset? MessageCreatedAt { get; init; }

    public string? Type { get; init; }

    public string? Filename { get; init; }

    public string? MimeType { get; init; }

    public long? LengthInBytes { get; init; }

    /// <summary>The upload status the service reports, when it reports one.</summary>
    public string? Status { get; init; }

    /// <summary>The file's canonical address without its query string.</summary>
    public string? Url { get; init; }

    /// <summary>One of <see cref="AttachmentContentStatus"/>.</summary>
    public required string ContentStatus { get; init; }

    /// <summary>The text of a fetched text document.</summary>
    public string? Content { get; init; }

    /// <summary>The SHA-256 of the downloaded bytes (hex), for a fetched document.</summary>
    public string? ContentSha256 { get; init; }

    /// <summary>Why the last download failed (never a URL).</summary>
    public string? ContentError { get; init; }
}

/// <summary>The values of <see cref="AttachmentPayload.ContentStatus"/>.</summary>
internal static class AttachmentContentStatus
{
    /// <summary>The text was downloaded and is in <see cref="AttachmentPayload.Content"/>.</summary>
    public const string Fetched = "fetched";

    /// <summary>Not a text document (or its bytes were not text): metadata only.</summary>
    public const string NotText = "not_text";

    /// <summary>Larger than <see cref="SyncOptions.MaxAttachmentBytes"/>: metadata only.</summary>
    public const string TooLarge = "too_large";

    /// <summary><see cref="SyncOptions.FetchTextAttachments"/> is off: metadata only.</summary>
    public const string Disabled = "disabled";

    /// <summary>Still uploading: fetched when a later sync sees it finished.</summary>
    public const string NotReady = "not_ready";

    /// <summary>The download failed; later syncs retry it (<see cref="SyncOptions.AttachmentRetryLimit"/>).</summary>
    public const string Failed = "failed";
}
