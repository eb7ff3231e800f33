namespace CarbonVoice.Sdk;

/// <summary>Filters of <see cref="IWorkspacesClient.ListAsync"/> (<c>GET /v5/workspaces</c>).</summary>
public sealed record WorkspaceListOptions
{
    /// <summary>Only workspaces where the user has one of these roles (<c>admin</c>, <c>owner</c>, <c>creator</c>, <c>member</c>, <c>guest</c>).</summary>
    public IReadOnlyList<string>? Roles { get; init; }

    /// <summary>Only workspaces of these types (<c>standard</c>, <c>webcontact</c>, <c>personallink</c>).</summary>
    public IReadOnlyList<string>? Types { get; init; }

    /// <summary>Page direction relative to <see cref="Date"/>: <c>older</c> or <c>newer</c>.</summary>
    public string? Direction { get; init; }

    /// <summary>The date to page from.</summary>
    public DateTimeOffset? Date { get; init; }

    /// <summary>Page size (1–100); the default is the service's.</summary>
    public int? PageSize { get; init; }
}
