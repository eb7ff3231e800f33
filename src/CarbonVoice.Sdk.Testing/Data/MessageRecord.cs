namespace CarbonVoice.Sdk.Testing;

/// <summary>A compact message: the transcript is generated on read from (seed, words) unless overridden.</summary>
internal sealed class MessageRecord
{
    /// <summary>Messages longer than this many words carry an AI summary.</summary>
    public const int SummaryWordThreshold = 200;

    public required string Id { get; init; }
    public required ConversationRecord Conversation { get; init; }
    public required UserRecord Creator { get; init; }

    /// <summary>1-based position in the conversation's creation order (not a wire field: v3 has no <c>sequence</c>).</summary>
    public required int Sequence { get; init; }
    public required long CreatedMs { get; init; }

    /// <summary>The stored last update; <see cref="UpdatedAt"/> is what the service reports.</summary>
    public long UpdatedMs { get; set; }
    public long DeletedMs { get; set; }

    /// <summary>When the transcript is (or was) ready: <c>created_at</c> for generated data, <c>created_at + TranscriptDelay</c> for a posted message, at most the time of an edit or delete.</summary>
    public long ReadyMs { get; set; }

    public int TranscriptSeed { get; init; }
    public int WordCount { get; init; }
    public string? TranscriptOverride { get; set; }
    public MessageKind Kind { get; init; }
    public bool Spanish { get; init; }
    public bool HasAttachment { get; init; }
    public int DurationMs { get; init; }
    public MessageRecord? Parent { get; init; }
    public List<(UserRecord User, string ReactionId)>? Reactions { get; set; }

    /// <summary>The files attached (the generated one of <see cref="HasAttachment"/>, then any added); filled by <see cref="DataStore.AddMessage"/>.</summary>
    public List<AttachmentRecord> Attachments { get; } = [];

    /// <summary>For a forwarded message, the share link behind it (its id is the message's <c>share_link_id</c>).</summary>
    public ShareLinkRecord? ShareLink { get; set; }

    /// <summary>True when every collaborator has played it (the generated history, except each conversation's last messages).</summary>
    public bool PlayedByAll { get; set; }

    /// <summary>Users who played it, when <see cref="PlayedByAll"/> is false.</summary>
    public List<UserRecord>? PlayedBy { get; set; }

    public bool IsDeleted => DeletedMs != 0;

    /// <summary>Audio, text or attachment, as the wire names it.</summary>
    public string KindName => Kind switch
    {
        MessageKind.Text => "text",
        MessageKind.Attachment => "attachment",
        _ => "audio",
    };

    /// <summary>Whether v3 calls it a text message (anything but audio).</summary>
    public bool IsText => Kind != MessageKind.Audio;

    public string Language => Spanish ? "es" : "en";

    /// <summary>Whether the AI summary exists (long messages only).</summary>
    public bool HasSummary => WordCount > SummaryWordThreshold;

    /// <summary>
    /// For a deterministic half of the audio messages (by seed) the v6 <c>content.transcript</c> is empty and the words
    /// are only in <c>content.time_codes</c>, as the real service does.
    /// </summary>
    public bool TranscriptOnlyInTimeCodes => Kind == MessageKind.Audio && ((uint)TranscriptSeed & 4) != 0;

    public string Transcript => TranscriptOverride ?? TranscriptGenerator.Generate(TranscriptSeed, WordCount, Spanish);

    public bool IsReady(long nowMs) => nowMs >= ReadyMs;

    /// <summary><c>updated_at</c> as the service reports it at <paramref name="nowMs"/>: the switch to active bumps it to the ready time.</summary>
    public long UpdatedAt(long nowMs) => ReadyMs > UpdatedMs && nowMs >= ReadyMs ? ReadyMs : UpdatedMs;

    public string Status(long nowMs) => IsDeleted ? "deleted" : IsReady(nowMs) ? "active" : "processing";

    /// <summary>Whether the message is unread ("notified") for the user: someone else's, not deleted, not played by the user.</summary>
    public bool IsUnreadFor(UserRecord user)
        => !IsDeleted && !ReferenceEquals(Creator, user) && !PlayedByAll && !(PlayedBy?.Contains(user) ?? false);

    /// <summary>The AI summary of a long message (<see cref="HasSummary"/>), derived from its transcript.</summary>
    public static string SummaryOf(string transcript) => transcript.Length > 160 ? transcript[..160] + "…" : transcript;
}
