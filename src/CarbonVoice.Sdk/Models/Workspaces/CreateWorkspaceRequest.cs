namespace CarbonVoice.Sdk;

/// <summary>The body of <c>POST /v3/workspace</c>.</summary>
public sealed record CreateWorkspaceRequest
{
    /// <summary>The workspace name (required).</summary>
    public required string Name { get; init; }

    /// <summary>A description.</summary>
    public string? Description { get; init; }

    /// <summary>An image URL.</summary>
    public string? ImageUrl { get; init; }
}
