using System.Net;
using System.Text.Json;

namespace CarbonVoice.Sdk;

/// <summary>
/// Builds response models, pages and errors for tests of code that uses the SDK. Models are records with
/// public <c>init</c> properties, so any field can also be set with an object initializer; these helpers
/// cover the shapes that are awkward to build by hand (transcripts of v3 messages, unknown fields, errors).
/// </summary>
public static class CarbonVoiceModelFactory
{
    /// <summary>A workspace.</summary>
    /// <param name="id">The id.</param>
    /// <param name="name">The name.</param>
    /// <param name="createdAt">When it was created.</param>
    public static Workspace Workspace(string id, string? name = null, DateTimeOffset? createdAt = null)
        => new() { Id = id, Name = name, CreatedAt = createdAt, LastUpdatedAt = createdAt };

    /// <summary>A conversation (channel).</summary>
    /// <param name="id">The id (<c>channel_guid</c>).</param>
    /// <param name="workspaceId">The workspace.</param>
    /// <param name="name">The name.</param>
    /// <param name="totalMessages">The message count.</param>
    public static Conversation Conversation(string id, string workspaceId, string? name = null, long? totalMessages = null)
        => new() { Id = id, WorkspaceId = workspaceId, Name = name, TotalMessages = totalMessages };

    /// <summary>A message in the v5 shape.</summary>
    /// <param name="id">The id.</param>
    /// <param name="conversationId">The conversation.</param>
    /// <param name="transcript">The transcript, or null while it is not ready.</param>
    /// <param name="createdAt">When it was created (also its update time).</param>
    /// <param name="creatorId">The author.</param>
    /// <param name="sequence">The conversation sequence number.</param>
    public static Message Message(string id, string conversationId, string? transcript = null, DateTimeOffset? createdAt = null, string? creatorId = null, long? sequence = null)
        => new()
        {
            Id = id,
            ConversationId = conversationId,
            RawTranscript = transcript,
            CreatedAt = createdAt,
            UpdatedAt = createdAt,
            CreatorId = creatorId,
            ConversationSequence = sequence,
            Status = "active",
        };

    /// <summary>
    /// A message in the v6 shape, as the v6 feeds return it. A voice message is built as the real service sends it: an empty
    /// <c>content.transcript</c> and the words in <c>content.time_codes</c>.
    /// </summary>
    /// <param name="id">The id.</param>
    /// <param name="conversationId">The conversation.</param>
    /// <param name="transcript">The words, or null while the message is processing (then its status is <c>processing</c>).</param>
    /// <param name="createdAt">When it was created (also its update time unless <paramref name="updatedAt"/> is given).</param>
    /// <param name="creatorId">The author.</param>
    /// <param name="voice">True for a voice message (words in time codes), false for a text message.</param>
    /// <param name="updatedAt">When it last changed.</param>
    /// <param name="deletedAt">When it was deleted, for a tombstone.</param>
    public static MessageV6 MessageV6(string id, string conversationId, string? transcript = null, DateTimeOffset? createdAt = null, string? creatorId = null, bool voice = false, DateTimeOffset? updatedAt = null, DateTimeOffset? deletedAt = null)
        => new()
        {
            Id = id,
            ConversationId = conversationId,
            CreatorId = creatorId,
            CreatedAt = createdAt,
            UpdatedAt = deletedAt ?? updatedAt ?? createdAt,
            DeletedAt = deletedAt,
            ThreadId = id,
            Kind = voice ? "audio" : "text",
            Status = deletedAt is not null ? MessageStatuses.Deleted : transcript is null ? MessageStatuses.Processing : MessageStatuses.Active,
            Content = deletedAt is not null || transcript is null ? null
                : voice ? new MessageV6Content { Transcript = string.Empty, TimeCodes = Timecodes(transcript) }
                : new MessageV6Content { Transcript = transcript },
        };

    /// <summary>
    /// A message in the v3 shape (recent, notified, search, by-id). A voice message is built as the real service sends it:
    /// a <c>transcript_with_timecode</c> text model with an empty value and the words in its timecodes; a text message
    /// carries a <c>transcript</c> model with the text.
    /// </summary>
    /// <param name="id">The id (<c>message_id</c>).</param>
    /// <param name="channelId">The conversation.</param>
    /// <param name="transcript">The words, or null while the transcript is not ready.</param>
    /// <param name="createdAt">When it was created (also its update time).</param>
    /// <param name="creatorId">The author.</param>
    /// <param name="deletedAt">When it was deleted, for a tombstone.</param>
    /// <param name="voice">True for a voice message (words in timecodes), false for a text message.</param>
    public static LegacyMessage LegacyMessage(string id, string channelId, string? transcript = null, DateTimeOffset? createdAt = null, string? creatorId = null, DateTimeOffset? deletedAt = null, bool voice = false)
        => new()
        {
            Id = id,
            ChannelIds = [channelId],
            CreatorId = creatorId,
            CreatedAt = createdAt,
            LastUpdatedAt = deletedAt ?? createdAt,
            DeletedAt = deletedAt,
            IsTextMessage = !voice,
            Status = deletedAt is not null ? MessageStatuses.Deleted : transcript is null ? MessageStatuses.Processing : MessageStatuses.Active,
            TextModels = deletedAt is not null || transcript is null ? []
                : voice ? [new LegacyTextModel { Type = LegacyTextModel.TranscriptWithTimecodeType, Value = string.Empty, Timecodes = Timecodes(transcript) }]
                : [new LegacyTextModel { Type = LegacyTextModel.TranscriptType, Value = transcript }],
        };

    /// <summary>An attachment of a v5 or v6 message.</summary>
    /// <param name="id">The attachment id.</param>
    /// <param name="filename">The file name.</param>
    /// <param name="mimeType">The MIME type.</param>
    /// <param name="lengthInBytes">The size in bytes.</param>
    /// <param name="url">The canonical file URL.</param>
    public static MessageAttachment MessageAttachment(string id, string? filename = null, string? mimeType = null, long? lengthInBytes = null, string? url = null)
        => new() { Id = id, Type = "file", Filename = filename, MimeType = mimeType, LengthInBytes = lengthInBytes, Url = url };

    /// <summary>A row of a channel's message index (<c>GET /messages/{channel_id}/index</c>).</summary>
    /// <param name="id">The message id.</param>
    /// <param name="parentMessageId">The thread root it replies to, or null.</param>
    /// <param name="createdAt">When it was created.</param>
    /// <param name="status">Its status.</param>
    public static MessageIndexEntry MessageIndexEntry(string id, string? parentMessageId = null, DateTimeOffset? createdAt = null, string status = "active")
        => new() { Id = id, ParentMessageId = parentMessageId, CreatedAt = createdAt, Status = status };

    /// <summary>A share link with its shared message.</summary>
    /// <param name="id">The share link id.</param>
    /// <param name="sharedMessage">The shared (original) message.</param>
    /// <param name="createdBy">Who created (or forwarded) it.</param>
    /// <param name="shareType"><c>link</c> or <c>forward</c>.</param>
    /// <param name="hasChannelAccess">Whether the caller can read the shared message's conversation.</param>
    public static MessageShareLink MessageShareLink(string id, MessageV6? sharedMessage = null, string? createdBy = null, string shareType = ShareLinkTypes.Forward, bool hasChannelAccess = false)
        => new()
        {
            Id = id,
            ShareType = shareType,
            AccessType = shareType == ShareLinkTypes.Forward ? ShareLinkAccessTypes.Forward : ShareLinkAccessTypes.Public,
            CreatedBy = createdBy,
            SharedMessageId = sharedMessage?.Id,
            SharedMessage = sharedMessage,
            HasChannelAccess = hasChannelAccess,
        };

    /// <summary>A reaction of <c>GET /reactions</c>.</summary>
    /// <param name="id">The reaction id.</param>
    /// <param name="code">Its emoji.</param>
    /// <param name="name">Its name.</param>
    public static Reaction Reaction(string id, string? code = null, string? name = null) => new() { Id = id, Code = code, Name = name ?? id.Replace('_', ' ') };

    /// <summary>A signed download URL of an attachment.</summary>
    /// <param name="attachmentId">The attachment id.</param>
    /// <param name="url">The signed URL.</param>
    public static AttachmentDownloadUrl AttachmentDownloadUrl(string attachmentId, Uri url) => new() { AttachmentId = attachmentId, Url = url };

    /// <summary>Downloaded attachment bytes.</summary>
    /// <param name="content">The bytes.</param>
    /// <param name="mediaType">The media type.</param>
    public static AttachmentDownload AttachmentDownload(ReadOnlyMemory<byte> content, string? mediaType = null) => new() { Content = content, MediaType = mediaType };

    /// <summary>A user as <c>/whoami</c> returns it.</summary>
    /// <param name="id">The id (<c>user_guid</c>).</param>
    /// <param name="firstName">The first name.</param>
    /// <param name="lastName">The last name.</param>
    /// <param name="email">The e-mail address.</param>
    /// <param name="workspaceIds">The user's workspaces.</param>
    public static User User(string id, string? firstName = null, string? lastName = null, string? email = null, IReadOnlyList<string>? workspaceIds = null)
        => new() { Id = id, FirstName = firstName, LastName = lastName, Email = email, WorkspaceIds = workspaceIds ?? [] };

    /// <summary>An action item.</summary>
    /// <param name="id">The id.</param>
    /// <param name="title">The title.</param>
    /// <param name="status"><c>suggested</c>, <c>todo</c> or <c>done</c>.</param>
    /// <param name="containerId">The conversation (or folder) it belongs to.</param>
    public static ActionItem ActionItem(string id, string title, string status = "todo", string? containerId = null)
        => new() { Id = id, Title = title, Status = status, ContainerId = containerId, ContainerType = containerId is null ? null : "channel" };

    /// <summary>A data export job.</summary>
    /// <param name="id">The id.</param>
    /// <param name="status"><c>pending</c>, <c>processing</c>, <c>done</c> or <c>failed</c>.</param>
    /// <param name="downloadUrl">The download URL of a finished export.</param>
    public static ExportJob ExportJob(string id, string status = "pending", string? downloadUrl = null)
        => new() { Id = id, Status = status, DownloadUrl = downloadUrl };

    /// <summary>A copy of <paramref name="model"/> carrying fields the SDK does not model (as a newer API would send).</summary>
    /// <typeparam name="T">The model type.</typeparam>
    /// <param name="model">The model.</param>
    /// <param name="json">A JSON object with the extra fields, for example <c>{"mood": "happy"}</c>.</param>
    public static T WithAdditionalProperties<T>(T model, string json)
        where T : CarbonVoiceModel
    {
        ArgumentNullException.ThrowIfNull(model);
        using var document = JsonDocument.Parse(json);
        var extra = document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
        return model with { AdditionalProperties = extra };
    }

    /// <summary>A page of a list, with the token that resumes after it (null on the last page).</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="items">The items.</param>
    /// <param name="continuationToken">The continuation token.</param>
    public static CarbonVoicePage<T> Page<T>(IReadOnlyList<T> items, string? continuationToken = null) => new(items, continuationToken);

    /// <summary>The error a 404 produces.</summary>
    /// <param name="endpoint">The endpoint, such as <c>GET /v5/messages/{id}</c>.</param>
    /// <param name="errorMessage">The service's text.</param>
    /// <param name="requestId">The request id.</param>
    public static CarbonVoiceNotFoundException NotFound(string endpoint, string errorMessage = "Not found", string? requestId = null)
        => new($"Carbon Voice {endpoint} failed with 404 NotFound: {errorMessage}.", new CarbonVoiceErrorDetails(HttpStatusCode.NotFound, endpoint, requestId, errorMessage));

    /// <summary>The error an exhausted rate limit produces.</summary>
    /// <param name="endpoint">The endpoint.</param>
    /// <param name="retryAfter">How long the service asked to wait.</param>
    /// <param name="now">The current time, to compute the reset.</param>
    public static CarbonVoiceRateLimitException RateLimited(string endpoint, TimeSpan retryAfter, DateTimeOffset now)
        => new(
            $"Carbon Voice {endpoint} failed with 429 TooManyRequests.",
            new RateLimitInfo(null, 0, now + retryAfter, now),
            retryAfter,
            new CarbonVoiceErrorDetails(HttpStatusCode.TooManyRequests, endpoint));

    /// <summary>The error a refused refresh token produces (hosts mark the connector "expired" on it).</summary>
    /// <param name="connectionId">The connection.</param>
    public static CarbonVoiceTokenExpiredException TokenExpired(string connectionId)
        => new($"The refresh token of connection '{connectionId}' was refused; the user must authorize again.", connectionId);

    private static List<MessageTimecode> Timecodes(string words)
        => words.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select((word, i) => new MessageTimecode { Text = word, Start = i * 400, End = (i * 400) + 350 })
            .ToList();
}
