using System.Text.Json.Serialization;

namespace CarbonVoice.Sdk;

/// <summary>When a user was last active (an element of <c>GET /users/last-seen</c>).</summary>
public sealed record UserLastSeen : CarbonVoiceModel
{
    /// <summary>The user id (<c>user_guid</c>).</summary>
    [JsonPropertyName("user_guid")]
    public required string UserId { get; init; }

    /// <summary>When the user was last seen, or null if never.</summary>
    public DateTimeOffset? LastSeenAt { get; init; }
}
