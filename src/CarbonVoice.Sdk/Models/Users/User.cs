using System.Text.Json.Serialization;

namespace CarbonVoice.Sdk;

/// <summary>The signed-in user as <c>GET /whoami</c> returns it.</summary>
public sealed record User : CarbonVoiceModel
{
    /// <summary>The user id (<c>user_guid</c>).</summary>
    [JsonPropertyName("user_guid")]
    public required string Id { get; init; }

    /// <summary>The user's UUID.</summary>
    public string? Uuid { get; init; }

    /// <summary>The first name.</summary>
    public string? FirstName { get; init; }

    /// <summary>The last name.</summary>
    public string? LastName { get; init; }

    /// <summary>The e-mail address (<c>email_txt</c>).</summary>
    [JsonPropertyName("email_txt")]
    public string? Email { get; init; }

    /// <summary>The avatar URL.</summary>
    public string? ImageUrl { get; init; }

    /// <summary>The user's role.</summary>
    public string? Role { get; init; }

    /// <summary>The ids of the user's workspaces (<c>workspace_guids</c>).</summary>
    [JsonPropertyName("workspace_guids")]
    public IReadOnlyList<string>? WorkspaceIds { get; init; }

    /// <summary>The sign-in identities linked to the user (e-mail, phone, social providers).</summary>
    public IReadOnlyList<UserIdentity>? Identities { get; init; }

    /// <summary>Who created the user, when the service says.</summary>
    public string? CreatedBy { get; init; }
}
