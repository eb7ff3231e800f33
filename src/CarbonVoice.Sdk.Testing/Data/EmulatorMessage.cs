namespace CarbonVoice.Sdk.Testing;

/// <summary>A snapshot of a message, taken at the emulator's current time (the transcript is given whether or not it is ready on the wire).</summary>
public sealed class EmulatorMessage
{
    private readonly MessageRecord _record;

    internal EmulatorMessage(MessageRecord record, long nowMs)
    {
        _record = record;
        Id = record.Id;
        ConversationId = record.Conversation.Id;
        WorkspaceId = record.Conversation.Workspace.Id;
        CreatorId = record.Creator.Id;
        Sequence = record.Sequence;
        CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(record.CreatedMs);
        UpdatedAt = DateTimeOffset.FromUnixTimeMilliseconds(record.UpdatedAt(nowMs));
        DeletedAt = record.DeletedMs == 0 ? null : DateTimeOffset.FromUnixTimeMilliseconds(record.DeletedMs);
        Kind = record.KindName;
        IsText = record.IsText;
        Status = record.Status(nowMs);
        IsTranscriptReady = record.IsReady(nowMs);
        TranscriptReadyAt = DateTimeOffset.FromUnixTimeMilliseconds(record.ReadyMs);
        TranscriptOnlyInTimeCodes = record.TranscriptOnlyInTimeCodes;
        HasAiSummary = record.HasSummary;
        DurationMs = record.DurationMs;
        ReactionCount = record.Reactions?.Count ?? 0;
        ParentMessageId = record.Parent?.Id;
        HasAttachment = record.Attachments.Count > 0;
        Attachments = record.Attachments.Select(a => new EmulatorAttachment(a.Id, a.Filename, a.MimeType, a.LengthInBytes)).ToArray();
        ShareLinkId = record.ShareLink?.Id;
        Language = record.Language;
    }

    /// <summary>The message id.</summary>
    public string Id { get; }

    /// <summary>The conversation id.</summary>
    public string ConversationId { get; }

    /// <summary>The workspace id.</summary>
    public string WorkspaceId { get; }

    /// <summary>The author's user id.</summary>
    public string CreatorId { get; }

    /// <summary>The 1-based position in the conversation's creation order (v5 <c>conversation_sequence</c>; v3 has no such field).</summary>
    public int Sequence { get; }

    /// <summary>Creation time.</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>Last update time as the service reports it (<c>updated_at</c>; at least the transcript's ready time once it is ready).</summary>
    public DateTimeOffset UpdatedAt { get; }

    /// <summary>Deletion time, when deleted.</summary>
    public DateTimeOffset? DeletedAt { get; }

    /// <summary>audio, text or attachment.</summary>
    public string Kind { get; }

    /// <summary>Whether v3 calls it a text message (<c>is_text_message</c>: text and attachment messages).</summary>
    public bool IsText { get; }

    /// <summary><c>processing</c> (transcript not ready yet), <c>active</c> or <c>deleted</c>.</summary>
    public string Status { get; }

    /// <summary>Whether the transcript was ready when the snapshot was taken (it is on the wire from then on).</summary>
    public bool IsTranscriptReady { get; }

    /// <summary>When the transcript is (or was) ready: <c>created_at</c> for generated data, <c>created_at + Quirks.TranscriptDelay</c> for a posted message, earlier when it was edited.</summary>
    public DateTimeOffset TranscriptReadyAt { get; }

    /// <summary>Whether it is a long message with an AI summary (v6 <c>content.ai_summary</c>, v5 <c>ai_summary</c>, a v3 <c>summary</c> text model) once ready.</summary>
    public bool HasAiSummary { get; }

    /// <summary>Whether v6 <c>content.transcript</c> is empty for this (audio) message, its words being only in <c>content.time_codes</c>.</summary>
    public bool TranscriptOnlyInTimeCodes { get; }

    /// <summary>Audio duration (0 for text).</summary>
    public int DurationMs { get; }

    /// <summary>Number of reactions.</summary>
    public int ReactionCount { get; }

    /// <summary>The parent message, for replies.</summary>
    public string? ParentMessageId { get; }

    /// <summary>Whether the message has an attachment.</summary>
    public bool HasAttachment { get; }

    /// <summary>The message's attachments.</summary>
    public IReadOnlyList<EmulatorAttachment> Attachments { get; }

    /// <summary>For a forwarded message, the id of the share link behind it (<c>share_link_id</c>).</summary>
    public string? ShareLinkId { get; }

    /// <summary>Transcript language (en or es).</summary>
    public string Language { get; }

    /// <summary>The full transcript.</summary>
    public string Transcript => _record.Transcript;
}
