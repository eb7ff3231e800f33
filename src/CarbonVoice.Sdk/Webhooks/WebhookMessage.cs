using System.Text.Json.Serialization;

namespace CarbonVoice.Sdk;

/// <summary>The message resource of a <c>message.*</c> webhook. The deprecated <c>*_guid</c> aliases are read when the new names are absent.</summary>
public sealed record WebhookMessage : CarbonVoiceModel
{
    private string? _id;
    private string? _channelId;
    private string? _workspaceId;
    private string? _creatorId;

    /// <summary>The message id (<c>id</c>, or the deprecated <c>message_guid</c>).</summary>
    public string? Id { get => _id; init => _id = value; }

    /// <summary>The conversation id (<c>channel_id</c>, <c>conversation_id</c> or the deprecated <c>channel_guid</c>).</summary>
    public string? ChannelId { get => _channelId; init => _channelId = value; }

    /// <summary>The workspace id (<c>workspace_id</c> or the deprecated <c>workspace_guid</c>).</summary>
    public string? WorkspaceId { get => _workspaceId; init => _workspaceId = value; }

    /// <summary>The author (<c>creator_id</c> or the deprecated <c>creator_guid</c>).</summary>
    public string? CreatorId { get => _creatorId; init => _creatorId = value; }

    /// <summary>When the message was created.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>When the message last changed.</summary>
    public DateTimeOffset? LastUpdatedAt { get; init; }

    /// <summary>When the message was deleted, if it was.</summary>
    public DateTimeOffset? DeletedAt { get; init; }

    /// <summary>The transcript, when ready.</summary>
    [JsonPropertyName("transcript_txt")]
    public string? Transcript { get; init; }

    /// <summary>The status.</summary>
    public string? Status { get; init; }

    /// <summary>The parent message of a reply.</summary>
    public string? ParentMessageId { get; init; }

    /// <summary>The duration in milliseconds.</summary>
    public long? DurationMs { get; init; }

    [JsonInclude]
    [JsonPropertyName("message_guid")]
    internal string? MessageGuid { get => null; init => _id ??= value; }

    [JsonInclude]
    [JsonPropertyName("channel_guid")]
    internal string? ChannelGuid { get => null; init => _channelId ??= value; }

    [JsonInclude]
    [JsonPropertyName("conversation_id")]
    internal string? ConversationId { get => null; init => _channelId ??= value; }

    [JsonInclude]
    [JsonPropertyName("workspace_guid")]
    internal string? WorkspaceGuid { get => null; init => _workspaceId ??= value; }

    [JsonInclude]
    [JsonPropertyName("creator_guid")]
    internal string? CreatorGuid { get => null; init => _creatorId ??= value; }
}
