namespace CarbonVoice.Sdk.Testing;

internal static class CarbonLinkEndpoints
{
    private static readonly string[] Types = ["website", "qr_code", "phone"];

    public static void Register(Router router)
    {
        router.Add("POST", "/carbonlink/create", true, Create);
        router.Add("POST", "/carbonlink/personal", true, Personal);
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
            var workspaceId = root.GetString("workspace_id");
            var type = root.GetString("type") ?? "website";
            if (string.IsNullOrEmpty(workspaceId))
            {
                context.BadRequest("workspace_id should not be empty");
                return;
            }

            if (Array.IndexOf(Types, type) < 0)
            {
                context.BadRequest("type must be one of the following values: website, qr_code, phone");
                return;
            }

            lock (context.Store.Sync)
            {
                if (!Access.TryWorkspace(context, workspaceId, out var workspace))
                {
                    return;
                }

                var channelId = root.GetString("channel_id");
                if (channelId is not null && (!Access.TryConversation(context, channelId, out var conversation) || !ReferenceEquals(conversation.Workspace, workspace)))
                {
                    if (context.Response.Body.Length == 0)
                    {
                        context.Error(400, "channel_id does not belong to the workspace");
                    }

                    return;
                }

                Add(context, new CarbonLinkRecord(context.Store.NewId(10), type, root.GetString("name"), workspace.Id, channelId, context.User.Id, context.NowMs));
            }
        }
    }

    private static void Personal(RequestContext context)
    {
        if (!context.TryReadJson(out var document))
        {
            return;
        }

        using (document)
        {
            lock (context.Store.Sync)
            {
                Add(context, new CarbonLinkRecord(context.Store.NewId(10), "website", document.RootElement.GetString("name"), null, null, context.User.Id, context.NowMs));
            }
        }
    }

    private static void Add(RequestContext context, CarbonLinkRecord link)
    {
        context.Store.CarbonLinks.Add(link);
        ItemJson.WriteCarbonLink(context.Json(201), link, WriteScope.Of(context));
    }
}
