namespace CarbonVoice.Sdk.Testing;

/// <summary>A compact message: the transcript is generated on read from (seed, words) unless overridden.</summary>
internal sealed class MessageRecord
{
    public required string Id { get; init; }
    public required ConversationRecord Conversation { get; init; }
    public required UserRecord Creator { get; init; }
    public required int Sequence { get; init; }
    public required long CreatedMs { get; init; }
    public long UpdatedMs { get; set; }
    public long DeletedMs { get; set; }

    public int TranscriptSeed { get; init; }
    public int WordCount { get; init; }
    public string? TranscriptOverride { get; set; }
    public MessageKind Kind { get; init; }
    public bool Spanish { get; init; }
    public bool HasAttachment { get; init; }
    public int DurationMs { get; init; }
    public MessageRecord? Parent { get; init; }
    public List<(UserRecord User, string ReactionId)>? Reactions { get; set; }

    public bool IsDeleted => DeletedMs != 0;

    /// <summary>The time a delta query compares: last update or deletion.</summary>
    public long ChangedMs => DeletedMs > UpdatedMs ? DeletedMs : UpdatedMs;

    public string Transcript => TranscriptOverride ?? TranscriptGenerator.Generate(TranscriptSeed, WordCount, Spanish);
}
