namespace CarbonVoice.Sdk;

/// <summary>Workspaces: the areas that group people and conversations.</summary>
public interface IWorkspacesClient
{
    /// <summary>Lists the user's workspaces (<c>GET /v5/workspaces</c>, confirmed; cursor paged).</summary>
    /// <param name="options">Filters.</param>
    CarbonVoicePageable<Workspace> ListAsync(WorkspaceListOptions? options = null);

    /// <summary>Reads a workspace (<c>GET /v5/workspaces/{id}</c>; inferred: its shape is unknown, a bare or a <c>{"workspace": ...}</c>-wrapped workspace is read).</summary>
    /// <param name="workspaceId">The workspace id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="CarbonVoiceNotFoundException">No such workspace.</exception>
    Task<Workspace> GetAsync(string workspaceId, CancellationToken cancellationToken = default);

    /// <summary>Lists the user's workspaces in the v3 shape (<c>GET /v3/workspaces</c>, confirmed; not paged).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<IReadOnlyList<LegacyWorkspace>> ListLegacyAsync(CancellationToken cancellationToken = default);

    /// <summary>Reads a workspace in the v3 shape (<c>GET /v3/workspaces/{guid}</c>, confirmed).</summary>
    /// <param name="workspaceId">The workspace GUID.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<LegacyWorkspace> GetLegacyAsync(string workspaceId, CancellationToken cancellationToken = default);

    /// <summary>Creates a workspace (<c>POST /v3/workspace</c>, listed by the integration guide only). Not retried after a transient fault: it could create a duplicate.</summary>
    /// <param name="request">The new workspace.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<LegacyWorkspace> CreateAsync(CreateWorkspaceRequest request, CancellationToken cancellationToken = default);
}
