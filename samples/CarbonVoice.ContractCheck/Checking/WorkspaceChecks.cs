using CarbonVoice.Sdk;

namespace CarbonVoice.ContractCheck.Checking;

/// <summary>Workspace lists, then (after a conversation has been chosen) the workspace reads.</summary>
internal static class WorkspaceChecks
{
    private const string NoWorkspace = "no workspace was discovered (whoami, /v5/workspaces and /v3/workspaces gave none)";

    /// <summary>The page size of <c>GET /v5/workspaces</c>.</summary>
    private const int WorkspacePageSize = 1;

    public static async Task ListAsync(CheckContext context, CancellationToken cancellationToken)
    {
        var client = context.Client;
        // Few users are in more than two workspaces: one per page is what makes a second page (and its cursor) show up.
        var workspaces = await context.Runner.PagedAsync(
            RouteCatalog.Workspaces,
            () => client.Workspaces.ListAsync(new WorkspaceListOptions { PageSize = WorkspacePageSize }),
            cancellationToken,
            "limit 1, so that a second page is asked for");
        var legacy = await context.Runner.ListAsync(RouteCatalog.LegacyWorkspaces, ct => client.Workspaces.ListLegacyAsync(ct), cancellationToken);
        context.AddWorkspaces(workspaces?.Select(w => w.Id) ?? []);
        context.AddWorkspaces(legacy?.Select(w => w.Id) ?? []);
        context.AddWorkspaces(context.Me?.WorkspaceIds ?? []);
    }

    public static async Task ReadAsync(CheckContext context, CancellationToken cancellationToken)
    {
        var client = context.Client;
        if (context.WorkspaceId is not { } workspaceId)
        {
            context.Runner.NotApplicable(RouteCatalog.Workspace, NoWorkspace);
            context.Runner.NotApplicable(RouteCatalog.LegacyWorkspace, NoWorkspace);
            return;
        }

        await context.Runner.SingleAsync(RouteCatalog.Workspace, ct => client.Workspaces.GetAsync(workspaceId, ct), cancellationToken);
        await context.Runner.SingleAsync(RouteCatalog.LegacyWorkspace, ct => client.Workspaces.GetLegacyAsync(workspaceId, ct), cancellationToken);
    }
}
