namespace CarbonVoice.Sdk.Testing;

/// <summary>Channel (conversation) reads; a deleted conversation is 403 on every read of it.</summary>
internal static class ChannelEndpoints
{
    public static void Register(Router router)
    {
        router.Add("GET", "/channels/{workspace}", true, List);
        router.Add("GET", "/channels/{workspace}/available", true, Available);
        router.Add("GET", "/channels/{channel}/summary", true, Summary);
        router.Add("GET", "/v2/channel/{channel}", true, Get);
        router.Add("GET", "/channel/{channel}", true, Get);
        router.Add("GET", "/channel/collaborators/{workspace}/{channel}", true, Collaborators);
    }

    private static void List(RequestContext context) => ListWhere(context, joined: true);

    private static void Available(RequestContext context) => ListWhere(context, joined: false);

    private static void ListWhere(RequestContext context, bool joined)
    {
        lock (context.Store.Sync)
        {
            if (!Access.TryWorkspace(context, context.Param(0), out var workspace))
            {
                return;
            }

            var w = context.Json();
            w.WriteStartArray();
            foreach (var conversation in workspace.Conversations)
            {
                // A deleted conversation is not listed, unless the listing is stale (then it shows as it was before the deletion).
                if ((!conversation.IsDeleted || conversation.StillListed) && conversation.IsCollaborator(context.User) == joined)
                {
                    EntityJson.WriteChannel(w, conversation, asListedBeforeDeletion: conversation.IsDeleted);
                }
            }

            w.WriteEndArray();
        }
    }

    private static void Get(RequestContext context)
    {
        lock (context.Store.Sync)
        {
            if (Access.TryConversation(context, context.Param(0), out var conversation))
            {
                EntityJson.WriteChannel(context.Json(), conversation, asListedBeforeDeletion: false);
            }
        }
    }

    private static void Collaborators(RequestContext context)
    {
        lock (context.Store.Sync)
        {
            if (!Access.TryWorkspace(context, context.Param(0), out var workspace)
                || !Access.TryConversation(context, context.Param(1), out var conversation))
            {
                return;
            }

            if (!ReferenceEquals(conversation.Workspace, workspace))
            {
                context.Error(404, "Channel not found in this workspace");
                return;
            }

            var w = context.Json();
            w.WriteStartArray();
            foreach (var collaborator in conversation.Collaborators)
            {
                EntityJson.WriteCollaborator(w, conversation, collaborator);
            }

            w.WriteEndArray();
        }
    }

    private static void Summary(RequestContext context)
    {
        lock (context.Store.Sync)
        {
            if (!Access.TryConversation(context, context.Param(0), out var conversation))
            {
                return;
            }

            if (conversation.ActiveCount < 5)
            {
                context.Error(404, "No summary exists for this channel");
                return;
            }

            var w = context.Json();
            w.WriteStartObject();
            w.WriteString("channel_guid", conversation.Id);
            w.WriteString("summary", TranscriptGenerator.Summary(conversation.SummarySeed, conversation.Name));
            w.WriteString("language", "en");
            w.WriteNumber("message_count", conversation.ActiveCount);
            w.WriteIso("created_at", conversation.LastPostedMs());
            w.WriteEndObject();
        }
    }
}
