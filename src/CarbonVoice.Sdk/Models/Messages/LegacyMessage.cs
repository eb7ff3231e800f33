using System.Text.Json.Serialization;
using CarbonVoice.Sdk.Internal;

namespace CarbonVoice.Sdk;

/// <summary>
/// A message in the v3 shape, as <c>/v3/messages/recent</c>, <c>/v3/messages/notified</c>, <c>/v3/messages/{channel_id}/by-id</c>,
/// <c>/v3/messages/{channel_id}/sequential/{start}/{stop}</c> and <c>/v3/search</c> return it.
/// These payloads can trail the v5 shape on fields filled in asynchronously (transcript, tagged users):
/// re-read the message with <see cref="IMessagesClient.GetAsync"/> when those matter.
/// </summary>
public sealed record LegacyMessage : CarbonVoiceModel
{
    /// <summary>The message id (<c>message_id</c>).</summary>
    [JsonPropertyName("message_id")]
    public required string Id { get; init; }

    /// <summary>The author's user id.</summary>
    public string? CreatorId { get; init; }

    /// <summary>When the message was created.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>When the message was deleted, if it was (then <see cref="Status"/> is <c>deleted</c>).</summary>
    public DateTimeOffset? DeletedAt { get; init; }

    /// <summary>When the message last changed (edits, reactions, replies and deletion bump it).</summary>
    public DateTimeOffset? LastUpdatedAt { get; init; }

    /// <summary>The workspaces the message belongs to.</summary>
    public IReadOnlyList<string>? WorkspaceIds { get; init; }

    /// <summary>The channels (conversations) the message was posted to.</summary>
    public IReadOnlyList<string>? ChannelIds { get; init; }

    /// <summary>The id of the message this one replies to.</summary>
    public string? ParentMessageId { get; init; }

    /// <summary>The message name (title).</summary>
    public string? Name { get; init; }

    /// <summary>Whether the message was typed rather than recorded.</summary>
    public bool? IsTextMessage { get; init; }

    /// <summary>The status, for example <c>active</c>, <c>processing</c> or <c>deleted</c>.</summary>
    public string? Status { get; init; }

    /// <summary>The type, for example <c>channel</c> or <c>voicememo</c>.</summary>
    public string? Type { get; init; }

    /// <summary>The folder id, for messages kept in a folder.</summary>
    public string? FolderId { get; init; }

    /// <summary>The duration in milliseconds.</summary>
    public long? DurationMs { get; init; }

    /// <summary>The audio files (the original recording and translations).</summary>
    public IReadOnlyList<LegacyAudioModel>? AudioModels { get; init; }

    /// <summary>The transcripts (plain and with word timings); empty while the transcript is not ready.</summary>
    public IReadOnlyList<LegacyTextModel>? TextModels { get; init; }

    /// <summary>The attachments.</summary>
    public IReadOnlyList<LegacyMessageAttachment>? Attachments { get; init; }

    /// <summary>The discussion notes.</summary>
    [JsonConverter(typeof(LenientStringConverter))]
    public string? Notes { get; init; }

    /// <summary>The share link id.</summary>
    public string? ShareLinkId { get; init; }

    /// <summary>The reactions.</summary>
    public MessageReactionSummary? ReactionSummary { get; init; }

    /// <summary>The users tagged in the message.</summary>
    public IReadOnlyList<string>? TaggedUserIds { get; init; }

    /// <summary>
    /// The words of the message, by one rule for every text model: the value of the <c>transcript</c> model, else of the
    /// <c>transcript_with_timecode</c> model, else (voice messages on the real service, whose value is empty) the words of
    /// its <c>timecodes</c> joined by spaces; null while there are none. Summaries are not transcripts. Not serialized.
    /// </summary>
    [JsonIgnore]
    public string? Transcript
    {
        get
        {
            if (TextModels is not { Count: > 0 } models)
            {
                return null;
            }

            var plain = models.FirstOrDefault(model => model.IsType(LegacyTextModel.TranscriptType) && !string.IsNullOrWhiteSpace(model.Value));
            if (plain is not null)
            {
                return plain.Value;
            }

            foreach (var model in models)
            {
                if (model.IsType(LegacyTextModel.TranscriptWithTimecodeType) && TranscriptText.Compose(model.Value, model.Timecodes) is { } words)
                {
                    return words;
                }
            }

            return null;
        }
    }

    /// <summary>The AI summary: the value of the text model of type <c>summary</c>, when there is one. Not serialized.</summary>
    [JsonIgnore]
    public string? AiSummary
        => TextModels?.FirstOrDefault(model => model.IsType(LegacyTextModel.SummaryType) && !string.IsNullOrWhiteSpace(model.Value))?.Value;
}
