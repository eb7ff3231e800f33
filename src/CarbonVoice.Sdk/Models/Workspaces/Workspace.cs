namespace CarbonVoice.Sdk;

/// <summary>A workspace as <c>/v5/workspaces</c> returns it: an area that groups people and conversations.</summary>
public sealed record Workspace : CarbonVoiceModel
{
    /// <summary>The workspace id.</summary>
    public required string Id { get; init; }

    /// <summary>The name.</summary>
    public string? Name { get; init; }

    /// <summary>The vanity name used in links.</summary>
    public string? VanityName { get; init; }

    /// <summary>The description.</summary>
    public string? Description { get; init; }

    /// <summary>The image URL.</summary>
    public string? ImageUrl { get; init; }

    /// <summary>The type: <c>standard</c>, <c>webcontact</c> or <c>personallink</c>.</summary>
    public string? Type { get; init; }

    /// <summary>When the workspace was created.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>When the workspace last changed.</summary>
    public DateTimeOffset? LastUpdatedAt { get; init; }

    /// <summary>The owner's user id.</summary>
    public string? OwnerId { get; init; }

    /// <summary>The creator's user id.</summary>
    public string? CreatorId { get; init; }

    /// <summary>The plan type.</summary>
    public string? PlanType { get; init; }
}
