namespace CarbonVoice.Sdk.Testing;

/// <summary>A message as stored (the transcript is produced on access, regardless of the quirk delay).</summary>
public sealed class EmulatorMessage
{
    private readonly MessageRecord _record;

    internal EmulatorMessage(MessageRecord record)
    {
        _record = record;
        Id = record.Id;
        ConversationId = record.Conversation.Id;
        WorkspaceId = record.Conversation.Workspace.Id;
        CreatorId = record.Creator.Id;
        Sequence = record.Sequence;
        CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(record.CreatedMs);
        UpdatedAt = DateTimeOffset.FromUnixTimeMilliseconds(record.UpdatedMs);
        DeletedAt = record.DeletedMs == 0 ? null : DateTimeOffset.FromUnixTimeMilliseconds(record.DeletedMs);
        Kind = MessageJson.Kind(record);
        DurationMs = record.DurationMs;
        ReactionCount = record.Reactions?.Count ?? 0;
        ParentMessageId = record.Parent?.Id;
        HasAttachment = record.HasAttachment;
        Language = MessageJson.Language(record);
    }

    /// <summary>The message id.</summary>
    public string Id { get; }

    /// <summary>The conversation id.</summary>
    public string ConversationId { get; }

    /// <summary>The workspace id.</summary>
    public string WorkspaceId { get; }

    /// <summary>The author's user id.</summary>
    public string CreatorId { get; }

    /// <summary>The 1-based conversation sequence number.</summary>
    public int Sequence { get; }

    /// <summary>Creation time.</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>Last update time.</summary>
    public DateTimeOffset UpdatedAt { get; }

    /// <summary>Deletion time, when deleted.</summary>
    public DateTimeOffset? DeletedAt { get; }

    /// <summary>audio, text or attachment.</summary>
    public string Kind { get; }

    /// <summary>Audio duration (0 for text).</summary>
    public int DurationMs { get; }

    /// <summary>Number of reactions.</summary>
    public int ReactionCount { get; }

    /// <summary>The parent message, for replies.</summary>
    public string? ParentMessageId { get; }

    /// <summary>Whether the message has an attachment.</summary>
    public bool HasAttachment { get; }

    /// <summary>Transcript language (en or es).</summary>
    public string Language { get; }

    /// <summary>The full transcript.</summary>
    public string Transcript => _record.Transcript;
}
