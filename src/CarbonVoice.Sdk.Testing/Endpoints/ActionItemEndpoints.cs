namespace CarbonVoice.Sdk.Testing;

internal static class ActionItemEndpoints
{
    private static readonly string[] ContainerTypes = ["channel", "folder", "home", "workspace"];

    public static void Register(Router router)
    {
        router.Add("GET", "/action-items/mine", true, Mine);
        router.Add("GET", "/action-items/{type}/{id}", true, ByContainer);
        router.Add("POST", "/action-items", true, Create);
    }

    private static void Mine(RequestContext context)
    {
        lock (context.Store.Sync)
        {
            var me = context.User;
            WritePage(context, context.Store.ActionItems.Where(a => a.DeletedMs == 0 && me.Workspaces.Contains(a.Workspace)
                && (ReferenceEquals(a.AssignedTo, me) || (a.AssignedTo is null && ReferenceEquals(a.Creator, me)))));
        }
    }

    private static void ByContainer(RequestContext context)
    {
        var type = context.Param(0);
        var id = context.Param(1);
        if (Array.IndexOf(ContainerTypes, type) < 0)
        {
            context.BadRequest("container_type must be one of the following values: channel, folder, home, workspace");
            return;
        }

        lock (context.Store.Sync)
        {
            var me = context.User;
            IEnumerable<ActionItemRecord> items;
            switch (type)
            {
                case "channel":
                    if (!Access.TryConversation(context, id, out var conversation))
                    {
                        return;
                    }

                    items = context.Store.ActionItems.Where(a => a.ContainerType == "channel" && a.ContainerId == conversation.Id);
                    break;
                case "workspace":
                    if (!Access.TryWorkspace(context, id, out var workspace))
                    {
                        return;
                    }

                    items = context.Store.ActionItems.Where(a => ReferenceEquals(a.Workspace, workspace));
                    break;
                default:
                    items = context.Store.ActionItems.Where(a => a.ContainerType == type && a.ContainerId == id && me.Workspaces.Contains(a.Workspace));
                    break;
            }

            WritePage(context, items.Where(a => a.DeletedMs == 0));
        }
    }

    private static void WritePage(RequestContext context, IEnumerable<ActionItemRecord> source)
    {
        if (!context.TryQueryInt("limit", 50, 1, 100, out var limit))
        {
            return;
        }

        var status = context.Request.Query("status");
        var startingAfter = context.Request.Query("starting_after");
        var items = source.Where(a => status is null || a.Status == status)
            .OrderByDescending(a => a.CreatedMs).ThenBy(a => a.Id, StringComparer.Ordinal).ToList();
        var start = 0;
        if (startingAfter is not null)
        {
            start = items.FindIndex(a => a.Id == startingAfter) + 1;
            if (start == 0)
            {
                context.Error(400, "Invalid cursor");
                return;
            }
        }

        var end = Math.Min(items.Count, start + limit);
        var w = context.Json();
        Envelope.Start(w);
        for (var i = start; i < end; i++)
        {
            ItemJson.WriteActionItem(w, items[i]);
        }

        Envelope.End(w, end < items.Count, end > start ? items[end - 1].Id : null, items.Count);
    }

    private static void Create(RequestContext context)
    {
        if (!context.TryReadJson(out var document))
        {
            return;
        }

        using (document)
        {
            var root = document.RootElement;
            var title = root.GetString("title");
            var type = root.GetString("container_type");
            var containerId = root.GetString("container_id");
            var problems = new List<string>();
            if (string.IsNullOrWhiteSpace(title))
            {
                problems.Add("title should not be empty");
            }

            if (type is null || Array.IndexOf(ContainerTypes, type) < 0)
            {
                problems.Add("container_type must be one of the following values: channel, folder, home, workspace");
            }

            if (string.IsNullOrEmpty(containerId))
            {
                problems.Add("container_id should not be empty");
            }

            if (problems.Count > 0)
            {
                context.BadRequest([.. problems]);
                return;
            }

            var store = context.Store;
            lock (store.Sync)
            {
                WorkspaceRecord? workspace;
                if (type == "channel")
                {
                    if (!Access.TryConversation(context, containerId, out var conversation))
                    {
                        return;
                    }

                    workspace = conversation.Workspace;
                }
                else if (type == "workspace")
                {
                    if (!Access.TryWorkspace(context, containerId, out workspace))
                    {
                        return;
                    }
                }
                else
                {
                    workspace = context.User.Workspaces.FirstOrDefault();
                    if (workspace is null)
                    {
                        context.Error(400, "You are not a member of any workspace");
                        return;
                    }
                }

                UserRecord? assignee = null;
                if (root.GetString("assigned_to") is { } assignedTo && !store.UsersById.TryGetValue(assignedTo, out assignee))
                {
                    context.Error(404, "Assigned user not found");
                    return;
                }

                var now = context.NowMs;
                var item = new ActionItemRecord
                {
                    Id = store.NewHexId(),
                    Title = title!,
                    NotesText = root.GetString("notes_text"),
                    Status = "todo",
                    Creator = context.User,
                    AssignedTo = assignee,
                    Workspace = workspace,
                    ContainerType = type!,
                    ContainerId = containerId!,
                    SourceMessageId = root.GetString("source_message_id"),
                    DueDate = root.GetString("due_date"),
                    CreatedMs = now,
                    UpdatedMs = now,
                };
                store.ActionItems.Add(item);
                ItemJson.WriteActionItem(context.Json(201), item);
                context.Raise(WebhookEvent.ForActionItem("action-item.created", item));
            }
        }
    }
}
