using System.Text.Json;

namespace CarbonVoice.Sdk.Testing;

/// <summary>Action items: lists by container (channel, folder, home) and mine, create, partial update, status change.</summary>
internal static class ActionItemEndpoints
{
    private const string ContainerTypeProblem = "container_type must be one of the following values: channel, folder, home";
    private const string StatusProblem = "status must be one of the following values: suggested, todo, done";

    public static void Register(Router router)
    {
        router.Add("GET", "/action-items/mine", true, Mine);
        router.Add("GET", "/action-items/{type}/{id}", true, ByContainer);
        router.Add("POST", "/action-items", true, Create);
        router.Add("PUT", "/action-items/{id}", true, Update);
        router.Add("PATCH", "/action-items/{id}/status", true, ChangeStatus);
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
        if (Array.IndexOf(ActionItemRecord.ContainerTypes, type) < 0)
        {
            context.BadRequest(ContainerTypeProblem);
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

            if (type is null || Array.IndexOf(ActionItemRecord.ContainerTypes, type) < 0)
            {
                problems.Add(ContainerTypeProblem);
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

    /// <summary><c>PUT /action-items/{id}</c>: a partial update; a field left out is unchanged, <c>null</c> clears <c>notes_text</c>, <c>assigned_to</c> and <c>due_date</c>.</summary>
    private static void Update(RequestContext context)
    {
        if (!context.TryReadJson(out var document))
        {
            return;
        }

        using (document)
        {
            var root = document.RootElement;
            var problems = new List<string>();
            if (root.TryGetProperty("title", out var title) && (title.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(title.GetString())))
            {
                problems.Add("title should not be empty");
            }

            foreach (var name in new[] { "notes_text", "assigned_to", "due_date" })
            {
                if (root.TryGetProperty(name, out var value) && value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
                {
                    problems.Add($"{name} must be a string");
                }
            }

            if (problems.Count > 0)
            {
                context.BadRequest([.. problems]);
                return;
            }

            var store = context.Store;
            lock (store.Sync)
            {
                if (!TryItem(context, out var item))
                {
                    return;
                }

                UserRecord? assignee = item.AssignedTo;
                if (root.TryGetProperty("assigned_to", out var assignedTo))
                {
                    assignee = null;
                    if (assignedTo.GetString() is { } assigneeId && !store.UsersById.TryGetValue(assigneeId, out assignee))
                    {
                        context.Error(404, "Assigned user not found");
                        return;
                    }
                }

                if (root.TryGetProperty("title", out _))
                {
                    item.Title = title.GetString()!;
                }

                if (root.TryGetProperty("notes_text", out var notes))
                {
                    item.NotesText = notes.GetString();
                }

                if (root.TryGetProperty("due_date", out var due))
                {
                    item.DueDate = due.GetString();
                }

                item.AssignedTo = assignee;
                Touched(context, item, "action-item.updated");
            }
        }
    }

    /// <summary><c>PATCH /action-items/{id}/status</c> <c>{"status": "suggested"|"todo"|"done"}</c>.</summary>
    private static void ChangeStatus(RequestContext context)
    {
        if (!context.TryReadJson(out var document))
        {
            return;
        }

        using (document)
        {
            var status = document.RootElement.GetString("status");
            if (status is null || Array.IndexOf(ActionItemRecord.Statuses, status) < 0)
            {
                context.BadRequest(StatusProblem);
                return;
            }

            lock (context.Store.Sync)
            {
                if (!TryItem(context, out var item))
                {
                    return;
                }

                item.Status = status;
                Touched(context, item, "action-item.status.changed");
            }
        }
    }

    /// <summary>The action item of the route: 404 when unknown (or deleted), 403 when it belongs to another workspace.</summary>
    private static bool TryItem(RequestContext context, out ActionItemRecord item)
    {
        var id = context.Param(0);
        item = context.Store.ActionItems.Find(a => a.Id == id && a.DeletedMs == 0)!;
        if (item is null)
        {
            context.Error(404, "Action item not found");
            return false;
        }

        if (!item.Workspace.IsMember(context.User))
        {
            context.Error(403, "You do not have access to this action item");
            return false;
        }

        return true;
    }

    private static void Touched(RequestContext context, ActionItemRecord item, string eventName)
    {
        item.UpdatedMs = Math.Max(context.NowMs, item.UpdatedMs + 1);
        item.LastUpdatedBy = context.User;
        ItemJson.WriteActionItem(context.Json(), item);
        context.Raise(WebhookEvent.ForActionItem(eventName, item));
    }
}
