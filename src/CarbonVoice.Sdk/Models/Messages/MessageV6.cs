using System.Text.Json.Serialization;
using CarbonVoice.Sdk.Internal;

namespace CarbonVoice.Sdk;

/// <summary>
/// A message in the v6 shape, as the v6 feeds (<c>GET /v6/messages</c>, <c>GET /v6/messages/updates</c>),
/// <c>GET /v6/messages/{id}</c> and <c>POST /v6/messages/by-ids</c> return it. Confirmed by PhononX's own clients.
/// The service drops null fields and has no <c>name</c> in v6; the words of a voice message may be only in
/// <see cref="MessageV6Content.TimeCodes"/>, which <see cref="Transcript"/> accounts for.
/// </summary>
public sealed record MessageV6 : CarbonVoiceModel
{
    /// <summary>The message id.</summary>
    public required string Id { get; init; }

    /// <summary>The type: <c>channel</c>, <c>prerecorded</c>, <c>voicememo</c>, <c>stored</c> or <c>welcome</c>.</summary>
    public string? Type { get; init; }

    /// <summary>The kind: <c>audio</c>, <c>text</c>, <c>attachment</c>, <c>action-item</c>, <c>ai-prompt</c>, <c>ai-response</c> or <c>channel-reminder</c>.</summary>
    public string? Kind { get; init; }

    /// <summary>When the message was created: the order of <see cref="IMessagesClient.ListHistoryAsync"/>.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>When the message last changed (status, transcript, edit, tags, reactions, deletion): the order of <see cref="IMessagesClient.ListUpdatesAsync"/>.</summary>
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>When the message was deleted, if it was (then <see cref="Status"/> is <c>deleted</c>).</summary>
    public DateTimeOffset? DeletedAt { get; init; }

    /// <summary>The conversation (channel) id; absent for messages outside conversations (voice memos).</summary>
    public string? ConversationId { get; init; }

    /// <summary>The workspace id.</summary>
    public string? WorkspaceId { get; init; }

    /// <summary>The author's user id.</summary>
    public string? CreatorId { get; init; }

    /// <summary>
    /// The status: <c>active</c> once processing finished; <c>processing</c>, <c>initializing</c> and the like while the
    /// transcript is still being made (about 10–30 s after <see cref="CreatedAt"/>, then <see cref="UpdatedAt"/> moves);
    /// <c>deleted</c> for a deleted message.
    /// </summary>
    public string? Status { get; init; }

    /// <summary>The thread: the parent message's id for a reply, otherwise the message's own id.</summary>
    public string? ThreadId { get; init; }

    /// <summary>The folder id, for messages kept in a folder.</summary>
    public string? FolderId { get; init; }

    /// <summary>The link to the message in the Carbon Voice app.</summary>
    public string? Link { get; init; }

    /// <summary>The attachments.</summary>
    public IReadOnlyList<MessageAttachment>? Attachments { get; init; }

    /// <summary>The AI responses generated for the message.</summary>
    public IReadOnlyList<MessageAiResponseReference>? AiResponseIds { get; init; }

    /// <summary>The share link id.</summary>
    public string? ShareLinkId { get; init; }

    /// <summary>The reactions.</summary>
    public MessageReactionSummary? ReactionSummary { get; init; }

    /// <summary>The users tagged in the message.</summary>
    public IReadOnlyList<string>? TaggedUserIds { get; init; }

    /// <summary>The discussion notes.</summary>
    [JsonConverter(typeof(LenientStringConverter))]
    public string? Notes { get; init; }

    /// <summary>The audio and text of the message; absent when it has neither (an attachment-only message) and on deleted messages.</summary>
    public MessageV6Content? Content { get; init; }

    /// <summary>
    /// The words of the message: <c>content.transcript</c>, or, when that is empty (voice messages on the real service), the
    /// words of <c>content.time_codes</c> joined by spaces; null while there are none (not transcribed yet, or no audio nor text). Not serialized.
    /// </summary>
    [JsonIgnore]
    public string? Transcript => TranscriptText.Compose(Content?.Transcript, Content?.TimeCodes);

    /// <summary>The AI summary (<c>content.ai_summary</c>), when one was generated. Not serialized.</summary>
    [JsonIgnore]
    public string? AiSummary => string.IsNullOrWhiteSpace(Content?.AiSummary) ? null : Content.AiSummary;

    /// <summary>The id of the message this one replies to (<see cref="ThreadId"/> when it is not the message's own id), else null. Not serialized.</summary>
    [JsonIgnore]
    public string? ParentMessageId => ThreadId is { Length: > 0 } thread && !string.Equals(thread, Id, StringComparison.Ordinal) ? thread : null;

    /// <summary>Whether the message is deleted (<see cref="DeletedAt"/> set or status <c>deleted</c>). Not serialized.</summary>
    [JsonIgnore]
    public bool IsDeleted => DeletedAt is not null || string.Equals(Status, MessageStatuses.Deleted, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether the service is still processing the message (its status is not <c>active</c> and it is not deleted): its transcript may come later. Not serialized.</summary>
    [JsonIgnore]
    public bool IsPending => !IsDeleted && !string.Equals(Status, MessageStatuses.Active, StringComparison.OrdinalIgnoreCase);
}
