namespace CarbonVoice.Sdk.Testing;

internal static class WorkspaceEndpoints
{
    public static void Register(Router router)
    {
        router.Add("GET", "/v5/workspaces", true, ListV5);
        router.Add("GET", "/v5/workspaces/{id}", true, GetV5);
        router.Add("GET", "/v3/workspaces", true, ListV3);
        router.Add("GET", "/v3/workspaces/{id}", true, GetV3);
        router.Add("POST", "/v3/workspace", true, Create);
    }

    private static void ListV5(RequestContext context)
    {
        if (!context.TryQueryInt("limit", 20, 1, 100, out var limit))
        {
            return;
        }

        var request = context.Request;
        var newer = string.Equals(request.Query("direction"), "newer", StringComparison.OrdinalIgnoreCase);
        var date = JsonFormat.ParseTime(request.Query("date"));
        var roles = request.QueryAll("roles");
        var types = request.QueryAll("types");
        var startingAfter = request.Query("starting_after");
        var includeTotal = string.Equals(request.Query("include_total"), "true", StringComparison.OrdinalIgnoreCase);
        var scope = WriteScope.Of(context);
        lock (context.Store.Sync)
        {
            var me = context.User;
            var all = new List<WorkspaceRecord>(me.Workspaces.Count);
            foreach (var workspace in me.Workspaces)
            {
                if ((roles.Length == 0 || Array.IndexOf(roles, workspace.RoleOf(me)) >= 0)
                    && (types.Length == 0 || Array.IndexOf(types, workspace.Type) >= 0)
                    && (date is null || (newer ? workspace.CreatedMs >= date : workspace.CreatedMs <= date)))
                {
                    all.Add(workspace);
                }
            }

            // Newest first by default ("older" walks back in time); "newer" walks forward.
            all.Sort((a, b) => newer ? Compare(a, b) : Compare(b, a));
            var start = 0;
            if (startingAfter is not null)
            {
                var index = all.FindIndex(w => w.Id == startingAfter);
                if (index < 0)
                {
                    context.Error(400, "Invalid cursor");
                    return;
                }

                start = index + 1;
            }

            var end = Math.Min(all.Count, start + limit);
            var w = context.Json();
            Envelope.Start(w);
            for (var i = start; i < end; i++)
            {
                EntityJson.WriteWorkspaceV5(w, all[i], scope);
            }

            Envelope.End(w, end < all.Count, end > start ? all[end - 1].Id : null, includeTotal ? all.Count : null);
        }
    }

    private static int Compare(WorkspaceRecord a, WorkspaceRecord b)
    {
        var byTime = a.CreatedMs.CompareTo(b.CreatedMs);
        return byTime != 0 ? byTime : string.CompareOrdinal(a.Id, b.Id);
    }

    private static void GetV5(RequestContext context)
    {
        lock (context.Store.Sync)
        {
            if (Access.TryWorkspace(context, context.Param(0), out var workspace))
            {
                EntityJson.WriteWorkspaceV5(context.Json(), workspace, WriteScope.Of(context));
            }
        }
    }

    private static void ListV3(RequestContext context)
    {
        var scope = WriteScope.Of(context);
        lock (context.Store.Sync)
        {
            var w = context.Json();
            w.WriteStartArray();
            foreach (var workspace in context.User.Workspaces)
            {
                EntityJson.WriteWorkspaceV3(w, workspace, scope);
            }

            w.WriteEndArray();
        }
    }

    private static void GetV3(RequestContext context)
    {
        lock (context.Store.Sync)
        {
            if (Access.TryWorkspace(context, context.Param(0), out var workspace))
            {
                EntityJson.WriteWorkspaceV3(context.Json(), workspace, WriteScope.Of(context));
            }
        }
    }

    private static void Create(RequestContext context)
    {
        if (!context.TryReadJson(out var document))
        {
            return;
        }

        using (document)
        {
            var name = document.RootElement.GetString("name");
            if (string.IsNullOrWhiteSpace(name))
            {
                context.BadRequest("name should not be empty");
                return;
            }

            var store = context.Store;
            lock (store.Sync)
            {
                var now = context.NowMs;
                var workspace = new WorkspaceRecord
                {
                    Id = UniqueId(store, 12),
                    Name = name,
                    Description = document.RootElement.GetString("description") ?? string.Empty,
                    Type = "standard",
                    Owner = context.User,
                    CreatedMs = now,
                    UpdatedMs = now,
                };
                workspace.Members.Add((context.User, "owner"));
                context.User.Workspaces.Add(workspace);
                store.Workspaces.Add(workspace);
                store.WorkspacesById.Add(workspace.Id, workspace);
                EntityJson.WriteWorkspaceV3(context.Json(201), workspace, WriteScope.Of(context));
            }
        }
    }

    private static string UniqueId(DataStore store, int length)
    {
        string id;
        do
        {
            id = store.NewId(length);
        }
        while (store.WorkspacesById.ContainsKey(id));
        return id;
    }
}
