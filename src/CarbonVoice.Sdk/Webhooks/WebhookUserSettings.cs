using System.Text.Json.Serialization;

namespace CarbonVoice.Sdk;

/// <summary>A subscriber's settings sent with a webhook.</summary>
public sealed record WebhookUserSettings : CarbonVoiceModel
{
    /// <summary>The user id.</summary>
    [JsonPropertyName("user_id")]
    public string? UserId { get; init; }

    /// <summary>The user's default language.</summary>
    [JsonPropertyName("defaultLanguage")]
    public string? DefaultLanguage { get; init; }

    /// <summary>The user's UTC offset in minutes.</summary>
    [JsonPropertyName("timezone")]
    public int? Timezone { get; init; }
}
