using System.Text.Json.Serialization;

namespace CarbonVoice.Sdk;

/// <summary>A person the user can talk to, as <c>POST /contacts</c> (confirmed) and <c>GET /users</c> return it.</summary>
public sealed record Contact : CarbonVoiceModel
{
    /// <summary>The user id (<c>user_guid</c>).</summary>
    [JsonPropertyName("user_guid")]
    public required string Id { get; init; }

    /// <summary>The first name.</summary>
    public string? FirstName { get; init; }

    /// <summary>The last name.</summary>
    public string? LastName { get; init; }

    /// <summary>The avatar URL.</summary>
    public string? ImageUrl { get; init; }

    /// <summary>The ids of the workspaces shared with the user (<c>workspace_guids</c>).</summary>
    [JsonPropertyName("workspace_guids")]
    public IReadOnlyList<string>? WorkspaceIds { get; init; }

    /// <summary>The contact's languages.</summary>
    public IReadOnlyList<string>? Languages { get; init; }

    /// <summary>The voice gender (<c>F</c> or <c>M</c>).</summary>
    public string? VoiceGender { get; init; }

    /// <summary>The user type: <c>user</c> or <c>bot</c>.</summary>
    public string? UserType { get; init; }

    /// <summary>For a bot, the user who owns it.</summary>
    public string? CreatedBy { get; init; }

    /// <summary>The contact's role in each shared workspace.</summary>
    public IReadOnlyList<ContactWorkspaceRole>? WorkspaceRoles { get; init; }

    /// <summary>Whether the contact may receive notifications.</summary>
    public bool? IsAllowedToReceiveNotification { get; init; }

    /// <summary>When the contact was created.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>When the contact last changed.</summary>
    public DateTimeOffset? LastUpdatedAt { get; init; }
}
