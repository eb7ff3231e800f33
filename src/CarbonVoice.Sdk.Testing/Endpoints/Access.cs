namespace CarbonVoice.Sdk.Testing;

/// <summary>Lookups with the service's access rules: 404 for unknown ids, 403 for data of workspaces the caller is not a member of.</summary>
internal static class Access
{
    public static bool TryWorkspace(RequestContext context, string? id, out WorkspaceRecord workspace)
    {
        if (id is null || !context.Store.WorkspacesById.TryGetValue(id, out workspace!))
        {
            workspace = null!;
            context.Error(404, "Workspace not found");
            return false;
        }

        if (!workspace.IsMember(context.User))
        {
            context.Error(403, "You do not have access to this workspace");
            return false;
        }

        return true;
    }

    public static bool TryConversation(RequestContext context, string? id, out ConversationRecord conversation)
    {
        if (id is null || !context.Store.ConversationsById.TryGetValue(id, out conversation!) || conversation.DeletedMs != 0)
        {
            conversation = null!;
            context.Error(404, "Channel not found");
            return false;
        }

        if (!DataStore.CanSee(context.User, conversation))
        {
            context.Error(403, "You do not have access to this conversation");
            return false;
        }

        return true;
    }

    public static bool TryMessage(RequestContext context, string id, out MessageRecord message)
    {
        if (!context.Store.MessagesById.TryGetValue(id, out message!))
        {
            context.Error(404, "Message not found");
            return false;
        }

        if (!DataStore.CanSee(context.User, message.Conversation))
        {
            context.Error(403, "You do not have access to this message");
            return false;
        }

        return true;
    }
}
