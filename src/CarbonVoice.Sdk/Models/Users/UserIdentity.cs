using System.Text.Json.Serialization;
using CarbonVoice.Sdk.Internal;

namespace CarbonVoice.Sdk;

/// <summary>A sign-in identity of a <see cref="User"/> (an element of <c>identities</c>).</summary>
public sealed record UserIdentity : CarbonVoiceModel
{
    /// <summary>The user id (<c>user_guid</c>).</summary>
    [JsonPropertyName("user_guid")]
    public string? UserId { get; init; }

    /// <summary>The identity's e-mail address.</summary>
    public string? ProviderEmail { get; init; }

    /// <summary>The identity provider.</summary>
    public string? Provider { get; init; }

    /// <summary>The user's id at the provider.</summary>
    public string? ProviderUid { get; init; }

    /// <summary>The avatar URL.</summary>
    public string? ImageUrl { get; init; }

    /// <summary>The first name.</summary>
    public string? FirstName { get; init; }

    /// <summary>The last name.</summary>
    public string? LastName { get; init; }

    /// <summary>Whether the identity is verified (the service sends a boolean or a string; both are read).</summary>
    [JsonConverter(typeof(LenientBooleanConverter))]
    public bool? IsVerified { get; init; }

    /// <summary>The identity's phone number.</summary>
    public string? ProviderPhone { get; init; }

    /// <summary>The service's last-notified marker for this identity, kept as text (its meaning is undocumented).</summary>
    [JsonConverter(typeof(LenientStringConverter))]
    public string? LastMessageNotified { get; init; }
}
