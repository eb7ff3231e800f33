using System.Text.Json.Serialization;
using CarbonVoice.Sdk.Internal;

namespace CarbonVoice.Sdk;

/// <summary>A message in the v5 shape, as <c>GET /v5/messages/{id}</c> and <c>POST /v5/messages/by-ids</c> return it (confirmed routes).</summary>
public sealed record Message : CarbonVoiceModel
{
    /// <summary>The message id.</summary>
    public required string Id { get; init; }

    /// <summary>The type: <c>channel</c>, <c>prerecorded</c>, <c>voicememo</c>, <c>stored</c> or <c>welcome</c>.</summary>
    public string? Type { get; init; }

    /// <summary>The kind: <c>audio</c>, <c>text</c>, <c>attachment</c>, <c>action-item</c>, <c>ai-prompt</c>, <c>ai-response</c> or <c>channel-reminder</c>.</summary>
    public string? Kind { get; init; }

    /// <summary>When the message was created.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>When the message last changed (edits, reactions, replies).</summary>
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>When the message was deleted, if it was.</summary>
    public DateTimeOffset? DeletedAt { get; init; }

    /// <summary>The conversation (channel) id.</summary>
    public string? ConversationId { get; init; }

    /// <summary>The workspace id.</summary>
    public string? WorkspaceId { get; init; }

    /// <summary>The author's user id.</summary>
    public string? CreatorId { get; init; }

    /// <summary>The status, for example <c>active</c>, <c>processing</c> or <c>deleted</c>.</summary>
    public string? Status { get; init; }

    /// <summary>The id of the message this one replies to.</summary>
    public string? ParentMessageId { get; init; }

    /// <summary>The attachments.</summary>
    public IReadOnlyList<MessageAttachment>? Attachments { get; init; }

    /// <summary>The language of <see cref="Transcript"/>.</summary>
    public string? Language { get; init; }

    /// <summary>Whether <see cref="Language"/> is the language the message was recorded in.</summary>
    public bool? IsOriginalLanguage { get; init; }

    /// <summary>The languages the transcript is available in.</summary>
    public IReadOnlyList<string>? AvailableLanguages { get; init; }

    /// <summary>
    /// The <c>transcript</c> field as sent; absent while it is not ready yet, and possibly empty on voice messages whose
    /// words are only in <see cref="TimeCodes"/>. Read <see cref="Transcript"/> for the words.
    /// </summary>
    [JsonPropertyName("transcript")]
    public string? RawTranscript { get; init; }

    /// <summary>The words of the message: <see cref="RawTranscript"/>, else the words of <see cref="TimeCodes"/> joined by spaces; null while there are none. Not serialized.</summary>
    [JsonIgnore]
    public string? Transcript => TranscriptText.Compose(RawTranscript, TimeCodes);

    /// <summary>The AI summary, when one was generated.</summary>
    public string? AiSummary { get; init; }

    /// <summary>The link to the message in the Carbon Voice app.</summary>
    public string? Link { get; init; }

    /// <summary>The position of the message in its conversation (1-based).</summary>
    public long? ConversationSequence { get; init; }

    /// <summary>The folder id, for messages kept in a folder.</summary>
    public string? FolderId { get; init; }

    /// <summary>The share link id.</summary>
    public string? ShareLinkId { get; init; }

    /// <summary>The id of the message this one was copied or forwarded from.</summary>
    public string? SourceMessageId { get; init; }

    /// <summary>Word timings of the transcript.</summary>
    public IReadOnlyList<MessageTimecode>? TimeCodes { get; init; }

    /// <summary>The audio, for audio messages.</summary>
    public MessageAudio? Audio { get; init; }

    /// <summary>The reactions.</summary>
    public MessageReactionSummary? ReactionSummary { get; init; }

    /// <summary>The users tagged in the message.</summary>
    public IReadOnlyList<string>? TaggedUserIds { get; init; }

    /// <summary>The AI responses generated for the message.</summary>
    public IReadOnlyList<MessageAiResponseReference>? AiResponseIds { get; init; }
}
