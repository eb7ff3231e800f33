namespace CarbonVoice.Sdk.Testing;

/// <summary>
/// Lookups with the service's access rules: 404 for unknown ids, 403 for data of workspaces the caller is not a member
/// of, and 403 for a conversation deleted on the backend (and its messages).
/// </summary>
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
        if (id is null || !context.Store.ConversationsById.TryGetValue(id, out conversation!))
        {
            conversation = null!;
            context.Error(404, "Channel not found");
            return false;
        }

        return CheckConversation(context, conversation, "You do not have access to this conversation");
    }

    public static bool TryMessage(RequestContext context, string id, out MessageRecord message)
    {
        if (!context.Store.MessagesById.TryGetValue(id, out message!))
        {
            context.Error(404, "Message not found");
            return false;
        }

        return CheckConversation(context, message.Conversation, "You do not have access to this message");
    }

    private static bool CheckConversation(RequestContext context, ConversationRecord conversation, string forbidden)
    {
        if (!DataStore.CanSee(context.User, conversation))
        {
            context.Error(403, forbidden);
            return false;
        }

        if (conversation.IsDeleted)
        {
            context.Error(403, "This conversation has been deleted");
            return false;
        }

        return true;
    }
}
