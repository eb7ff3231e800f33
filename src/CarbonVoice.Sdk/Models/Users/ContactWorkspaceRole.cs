namespace CarbonVoice.Sdk;

/// <summary>A contact's role in one workspace (<c>workspace_roles[]</c>).</summary>
public sealed record ContactWorkspaceRole : CarbonVoiceModel
{
    /// <summary>The workspace id.</summary>
    public string? WorkspaceId { get; init; }

    /// <summary>The role, for example <c>owner</c>, <c>admin</c>, <c>member</c> or <c>guest</c>.</summary>
    public string? Role { get; init; }

    /// <summary>When the contact joined the workspace.</summary>
    public DateTimeOffset? JoinedAt { get; init; }

    /// <summary>The workspace's position in the contact's list.</summary>
    public long? SortOrder { get; init; }
}
