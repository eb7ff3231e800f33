namespace CarbonVoice.Sdk;

/// <summary>A workspace as the v3 endpoints (<c>/v3/workspaces</c>, <c>/v3/workspace</c>) return it.</summary>
public sealed record LegacyWorkspace : CarbonVoiceModel
{
    /// <summary>The workspace id (GUID).</summary>
    public required string Id { get; init; }

    /// <summary>The name.</summary>
    public string? Name { get; init; }

    /// <summary>The description.</summary>
    public string? Description { get; init; }

    /// <summary>The image URL.</summary>
    public string? ImageUrl { get; init; }

    /// <summary>The owner's user id.</summary>
    public string? OwnerId { get; init; }

    /// <summary>The owner's first name.</summary>
    public string? OwnerFirstName { get; init; }

    /// <summary>The owner's last name.</summary>
    public string? OwnerLastName { get; init; }

    /// <summary>When the workspace was created.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>When the workspace last changed.</summary>
    public DateTimeOffset? LastUpdatedAt { get; init; }

    /// <summary>When the workspace was deleted, if it was.</summary>
    public DateTimeOffset? DeletedAt { get; init; }
}
