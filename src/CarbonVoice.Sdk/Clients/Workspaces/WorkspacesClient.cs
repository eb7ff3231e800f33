using CarbonVoice.Sdk.Internal;

namespace CarbonVoice.Sdk;

/// <summary>The default <see cref="IWorkspacesClient"/>. Members are virtual so tests can override them.</summary>
public class WorkspacesClient : IWorkspacesClient
{
    private readonly CarbonVoiceConnection _connection;

    /// <summary>For mocking.</summary>
    protected WorkspacesClient()
    {
        _connection = null!;
    }

    internal WorkspacesClient(CarbonVoiceConnection connection) => _connection = connection;

    /// <inheritdoc />
    public virtual CarbonVoicePageable<Workspace> ListAsync(WorkspaceListOptions? options = null)
        => CursorPaging.Create(
            (cursor, size, ct) => _connection.GetAsync(
                "GET /v5/workspaces",
                PathBuilder.Format("v5/workspaces")
                    .Add("limit", size ?? options?.PageSize)
                    .Add("starting_after", cursor)
                    .Add("direction", options?.Direction)
                    .Add("date", options?.Date)
                    .AddEach("roles", options?.Roles)
                    .AddEach("types", options?.Types),
                CarbonVoiceJsonContext.Default.ApiListWorkspace,
                ct),
            workspace => workspace.Id);

    /// <inheritdoc />
    public virtual Task<Workspace> GetAsync(string workspaceId, CancellationToken cancellationToken = default)
        => _connection.GetAsync("GET /v5/workspaces/{id}", PathBuilder.Format("v5/workspaces/{0}", workspaceId), CarbonVoiceJsonContext.Default.Workspace, cancellationToken, wrapper: "workspace");

    /// <inheritdoc />
    public virtual async Task<IReadOnlyList<LegacyWorkspace>> ListLegacyAsync(CancellationToken cancellationToken = default)
        => (await _connection.GetAsync("GET /v3/workspaces", PathBuilder.Format("v3/workspaces"), CarbonVoiceJsonContext.Default.ApiListLegacyWorkspace, cancellationToken).ConfigureAwait(false)).Items;

    /// <inheritdoc />
    public virtual Task<LegacyWorkspace> GetLegacyAsync(string workspaceId, CancellationToken cancellationToken = default)
        => _connection.GetAsync("GET /v3/workspaces/{guid}", PathBuilder.Format("v3/workspaces/{0}", workspaceId), CarbonVoiceJsonContext.Default.LegacyWorkspace, cancellationToken, wrapper: "workspace");

    /// <inheritdoc />
    public virtual Task<LegacyWorkspace> CreateAsync(CreateWorkspaceRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Name, nameof(request));
        return _connection.PostAsync(
            "POST /v3/workspace",
            PathBuilder.Format("v3/workspace"),
            request,
            CarbonVoiceJsonContext.Default.CreateWorkspaceRequest,
            CarbonVoiceJsonContext.Default.LegacyWorkspace,
            idempotent: false,
            cancellationToken,
            wrapper: "workspace");
    }
}
