using System.Text.Json.Serialization;

namespace CarbonVoice.Sdk;

/// <summary>A member of a conversation (an element of <c>json_collaborators</c>, or of <c>GET /channel/collaborators/{workspace_guid}/{channel_guid}</c>).</summary>
public sealed record Collaborator : CarbonVoiceModel
{
    /// <summary>The user id (<c>user_guid</c>).</summary>
    [JsonPropertyName("user_guid")]
    public string? UserId { get; init; }

    /// <summary>The avatar URL.</summary>
    public string? ImageUrl { get; init; }

    /// <summary>The first name.</summary>
    public string? FirstName { get; init; }

    /// <summary>The last name.</summary>
    public string? LastName { get; init; }

    /// <summary>The member's permission in the conversation.</summary>
    public string? Permission { get; init; }

    /// <summary>When the member joined (<c>joined</c>).</summary>
    [JsonPropertyName("joined")]
    public DateTimeOffset? JoinedAt { get; init; }

    /// <summary>When the member last posted (<c>last_posted</c>), or null if never.</summary>
    [JsonPropertyName("last_posted")]
    public DateTimeOffset? LastPostedAt { get; init; }
}
