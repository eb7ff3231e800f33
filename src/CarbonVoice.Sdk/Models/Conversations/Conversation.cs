using System.Text.Json.Serialization;
using CarbonVoice.Sdk.Internal;

namespace CarbonVoice.Sdk;

/// <summary>
/// A conversation (the API calls it a channel) as the channel endpoints return it (<c>/channels/{workspace_guid}</c>,
/// <c>/v2/channel/{channel_guid}</c>, <c>/channel/{channel_guid}</c>). Timestamps arrive as epoch milliseconds.
/// The new-style names of webhooks and the v5 API (<c>id</c>, <c>name</c>, <c>workspace_id</c>, <c>description</c>,
/// <c>created_at</c>, <c>last_updated_at</c>, <c>total_duration_ms</c>) are read too when the channel names are absent.
/// </summary>
public sealed record Conversation : CarbonVoiceModel
{
    /// <summary>The conversation id (<c>channel_guid</c>; <c>id</c> in the new-style shape).</summary>
    [JsonPropertyName("channel_guid")]
    public string Id { get; init; } = string.Empty;

    /// <summary>The name (<c>channel_name</c>).</summary>
    [JsonPropertyName("channel_name")]
    public string? Name { get; init; }

    /// <summary>The workspace id (<c>workspace_guid</c>).</summary>
    [JsonPropertyName("workspace_guid")]
    public string? WorkspaceId { get; init; }

    /// <summary>The kind (<c>channel_kind</c>): <c>standard</c> or <c>derived</c>.</summary>
    [JsonPropertyName("channel_kind")]
    public string? Kind { get; init; }

    /// <summary>The type: <c>directMessage</c>, <c>customerConversation</c>, <c>namedConversation</c> or <c>asyncMeeting</c> (see <see cref="ConversationTypes"/>).</summary>
    public string? Type { get; init; }

    /// <summary>The description (<c>channel_description</c>).</summary>
    [JsonPropertyName("channel_description")]
    public string? Description { get; init; }

    /// <summary>The image URL.</summary>
    public string? ImageUrl { get; init; }

    /// <summary>The workspace's name.</summary>
    public string? WorkspaceName { get; init; }

    /// <summary>The user's sort position of the conversation; the service sends a number or a string, kept as text.</summary>
    [JsonConverter(typeof(LenientStringConverter))]
    public string? SortOrder { get; init; }

    /// <summary>When the conversation was created (<c>created_ts</c>).</summary>
    [JsonPropertyName("created_ts")]
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>When the conversation last changed (<c>last_updated_ts</c>).</summary>
    [JsonPropertyName("last_updated_ts")]
    public DateTimeOffset? LastUpdatedAt { get; init; }

    /// <summary>When a message was last posted (<c>last_posted_ts</c>).</summary>
    [JsonPropertyName("last_posted_ts")]
    public DateTimeOffset? LastPostedAt { get; init; }

    /// <summary>When the conversation was deleted, if it was.</summary>
    public DateTimeOffset? DeletedAt { get; init; }

    /// <summary>The members (<c>json_collaborators</c>); <c>/v2/channel/{channel_guid}</c> returns all of them.</summary>
    [JsonPropertyName("json_collaborators")]
    public IReadOnlyList<Collaborator>? Collaborators { get; init; }

    /// <summary>The number of messages.</summary>
    public long? TotalMessages { get; init; }

    /// <summary>The total audio duration in milliseconds (<c>total_duration_milliseconds</c>; <c>total_duration_ms</c> in the new-style shape).</summary>
    public long? TotalDurationMilliseconds { get; init; }

    /// <summary>The direct-message hash; only <c>GET /channel/{channel_guid}</c> returns it, and only for direct messages.</summary>
    public string? DmHash { get; init; }

    // New-style aliases: read only, never written, and they never override the channel names.
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
    [JsonPropertyName("name")]
    internal string? NameAlias
    {
        get => null;
        init => Name ??= value;
    }

    [JsonInclude]
    [JsonPropertyName("workspace_id")]
    internal string? WorkspaceIdAlias
    {
        get => null;
        init => WorkspaceId ??= value;
    }

    [JsonInclude]
    [JsonPropertyName("description")]
    internal string? DescriptionAlias
    {
        get => null;
        init => Description ??= value;
    }

    [JsonInclude]
    [JsonPropertyName("created_at")]
    internal DateTimeOffset? CreatedAtAlias
    {
        get => null;
        init => CreatedAt ??= value;
    }

    [JsonInclude]
    [JsonPropertyName("last_updated_at")]
    internal DateTimeOffset? LastUpdatedAtAlias
    {
        get => null;
        init => LastUpdatedAt ??= value;
    }

    [JsonInclude]
    [JsonPropertyName("total_duration_ms")]
    internal long? TotalDurationMsAlias
    {
        get => null;
        init => TotalDurationMilliseconds ??= value;
    }
}
