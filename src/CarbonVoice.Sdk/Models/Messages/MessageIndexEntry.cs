using System.Text.Json.Serialization;

namespace CarbonVoice.Sdk;

/// <summary>
/// One row of a channel's message index (<c>GET /messages/{channel_id}/index</c>, confirmed): a message without its
/// transcript. PhononX's clients use it to find a thread's messages (by <see cref="ParentMessageId"/>) and then read them
/// with <see cref="IMessagesClient.GetByIdsV6Async"/>. The confirmed fields are <c>message_id</c>, <c>parent_message_id</c>,
/// <c>status</c> and <c>created_at</c>; the others are kept when the service sends them.
/// </summary>
public sealed record MessageIndexEntry : CarbonVoiceModel
{
    /// <summary>The message id (<c>message_id</c>; <c>id</c> or <c>_id</c> are read too).</summary>
    [JsonPropertyName("message_id")]
    public string Id { get; init; } = string.Empty;

    /// <summary>The thread root this message replies to, or null for a message that is not a reply.</summary>
    public string? ParentMessageId { get; init; }

    /// <summary>The status, for example <c>active</c> or <c>processing</c>.</summary>
    public string? Status { get; init; }

    /// <summary>When the message was created.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>The author's user id, when the service sends it (not confirmed).</summary>
    public string? CreatorId { get; init; }

    /// <summary>When the message last changed, when the service sends it (not confirmed).</summary>
    public DateTimeOffset? LastUpdatedAt { get; init; }

    // Other id spellings: read only, never written, and they never override message_id.
    [JsonInclude]
    [JsonPropertyName("id")]
    internal string? IdAlias
    {
        get => null;
        init
        {
            if (string.IsNullOrEmpty(Id) && value is not null)
            {
                Id = value;
            }
        }
    }

    [JsonInclude]
    [JsonPropertyName("_id")]
    internal string? LegacyIdAlias
    {
        get => null;
        init
        {
            if (string.IsNullOrEmpty(Id) && value is not null)
            {
                Id = value;
            }
        }
    }
}
