namespace CarbonVoice.Sdk.Testing;

/// <summary>Data exports: a job advances one step (pending → processing → done) each time it is read.</summary>
internal static class ExportEndpoints
{
    public static void Register(Router router)
    {
        router.Add("POST", "/data-exporter/conversations", true, context => Create(context, "conversations"));
        router.Add("POST", "/data-exporter/users", true, context => Create(context, "users"));
        router.Add("GET", "/data-exporter/{id}", true, Get);
        router.Add("GET", "/data-exporter/{id}/download", true, Download);
    }

    private static void Create(RequestContext context, string type)
    {
        if (!context.TryReadJson(out var document))
        {
            return;
        }

        using (document)
        {
            var root = document.RootElement;
            var workspaceId = root.GetString("workspace_id");
            var format = root.GetString("format") ?? "json";
            if (string.IsNullOrEmpty(workspaceId))
            {
                context.BadRequest("workspace_id should not be empty");
                return;
            }

            if (format is not ("json" or "csv"))
            {
                context.BadRequest("format must be one of the following values: json, csv");
                return;
            }

            lock (context.Store.Sync)
            {
                if (!Access.TryWorkspace(context, workspaceId, out var workspace))
                {
                    return;
                }

                var now = context.NowMs;
                var job = new ExportJobRecord
                {
                    Id = context.Store.NewHexId(),
                    Type = type,
                    Format = format,
                    Workspace = workspace,
                    Owner = context.User,
                    ChannelIds = root.GetStrings("channel_ids"),
                    CreatedMs = now,
                    UpdatedMs = now,
                };
                context.Store.Exports.Add(job.Id, job);
                ItemJson.WriteExportJob(context.Json(202), job, WriteScope.Of(context));
            }
        }
    }

    private static void Get(RequestContext context)
    {
        lock (context.Store.Sync)
        {
            if (!TryJob(context, out var job))
            {
                return;
            }

            // Each read shows the current state, then moves the job one step forward.
            ItemJson.WriteExportJob(context.Json(), job, WriteScope.Of(context));
            var next = job.Status switch { "pending" => "processing", "processing" => "done", _ => job.Status };
            if (next != job.Status)
            {
                job.Status = next;
                job.UpdatedMs = context.NowMs;
            }
        }
    }

    private static void Download(RequestContext context)
    {
        lock (context.Store.Sync)
        {
            if (!TryJob(context, out var job))
            {
                return;
            }

            if (job.Status != "done")
            {
                context.Error(409, "Export is not ready");
                return;
            }

            var scope = WriteScope.Of(context);
            var w = context.Json();
            w.WriteStartArray();
            if (job.Type == "users")
            {
                foreach (var (user, _) in job.Workspace.Members)
                {
                    EntityJson.WriteContact(w, user);
                }
            }
            else
            {
                foreach (var conversation in job.Workspace.Conversations)
                {
                    if (job.ChannelIds is { Count: > 0 } ids && !ids.Contains(conversation.Id))
                    {
                        continue;
                    }

                    foreach (var message in conversation.Messages)
                    {
                        if (!message.IsDeleted)
                        {
                            MessageV3Json.Write(w, message, scope);
                        }
                    }
                }
            }

            w.WriteEndArray();
        }
    }

    private static bool TryJob(RequestContext context, out ExportJobRecord job)
    {
        if (!context.Store.Exports.TryGetValue(context.Param(0), out job!))
        {
            context.Error(404, "Export not found");
            return false;
        }

        if (!job.Workspace.IsMember(context.User))
        {
            context.Error(403, "You do not have access to this export");
            return false;
        }

        return true;
    }
}
