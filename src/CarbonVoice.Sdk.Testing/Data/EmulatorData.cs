namespace CarbonVoice.Sdk.Testing;

/// <summary>Read-only snapshots of the emulator's data, for assertions.</summary>
public sealed class EmulatorData
{
    private readonly CarbonVoiceEmulator _emulator;

    internal EmulatorData(CarbonVoiceEmulator emulator)
    {
        _emulator = emulator;
        Users = emulator.Store.Users.Select(u => new EmulatorUser(u.Id, u.FirstName, u.LastName, u.Email) { CreatedBy = u.CreatedBy?.Id }).ToArray();
    }

    private DataStore Store => _emulator.Store;

    /// <summary>All users, in generation order (<c>Users[0]</c> is the default user).</summary>
    public IReadOnlyList<EmulatorUser> Users { get; }

    /// <summary>All workspaces.</summary>
    public IReadOnlyList<EmulatorWorkspace> Workspaces
    {
        get { lock (Store.Sync) { return Store.Workspaces.Select(View).ToArray(); } }
    }

    /// <summary>All conversations not deleted.</summary>
    public IReadOnlyList<EmulatorConversation> Conversations
    {
        get { lock (Store.Sync) { return Store.Conversations.Where(c => !c.IsDeleted).Select(View).ToArray(); } }
    }

    /// <summary>Number of messages not deleted.</summary>
    public int MessageCount
    {
        get { lock (Store.Sync) { return Store.MessageCount - Store.DeletedMessageCount; } }
    }

    /// <summary>The workspaces a user is a member of (the ones the user can see).</summary>
    /// <param name="userId">The user.</param>
    /// <returns>The workspaces.</returns>
    public IReadOnlyList<EmulatorWorkspace> WorkspacesOf(string userId)
    {
        lock (Store.Sync)
        {
            return Store.UsersById.TryGetValue(userId, out var user) ? user.Workspaces.Select(View).ToArray() : throw new KeyNotFoundException($"Unknown user '{userId}'.");
        }
    }

    /// <summary>The conversations of a workspace (not deleted).</summary>
    /// <param name="workspaceId">The workspace.</param>
    /// <returns>The conversations, in creation order.</returns>
    public IReadOnlyList<EmulatorConversation> ConversationsIn(string workspaceId)
    {
        lock (Store.Sync)
        {
            return Store.WorkspacesById.TryGetValue(workspaceId, out var workspace)
                ? workspace.Conversations.Where(c => !c.IsDeleted).Select(View).ToArray()
                : throw new KeyNotFoundException($"Unknown workspace '{workspaceId}'.");
        }
    }

    /// <summary>The messages of a conversation in creation order.</summary>
    /// <param name="conversationId">The conversation.</param>
    /// <param name="includeDeleted">Whether deleted messages are included.</param>
    /// <returns>The messages.</returns>
    public IReadOnlyList<EmulatorMessage> MessagesIn(string conversationId, bool includeDeleted = false)
    {
        lock (Store.Sync)
        {
            var now = _emulator.NowMs;
            return Store.ConversationsById.TryGetValue(conversationId, out var conversation)
                ? conversation.Messages.Where(m => includeDeleted || !m.IsDeleted).Select(m => new EmulatorMessage(m, now)).ToArray()
                : throw new KeyNotFoundException($"Unknown conversation '{conversationId}'.");
        }
    }

    /// <summary>The bytes an attachment's signed URL serves.</summary>
    /// <param name="attachmentId">The attachment id.</param>
    /// <returns>The bytes.</returns>
    public byte[] AttachmentContent(string attachmentId)
    {
        lock (Store.Sync)
        {
            return Store.AttachmentsById.TryGetValue(attachmentId, out var attachment) ? attachment.Content() : throw new KeyNotFoundException($"Unknown attachment '{attachmentId}'.");
        }
    }

    /// <summary>The share links, generated (behind forwarded messages) and created.</summary>
    public IReadOnlyList<EmulatorShareLink> ShareLinks
    {
        get
        {
            lock (Store.Sync)
            {
                var now = _emulator.NowMs;
                return Store.ShareLinksById.Values
                    .Select(l => new EmulatorShareLink(l.Id, l.SharedMessage.Id, l.Creator.Id, l.ShareType, l.AccessType, l.Wrapper?.Id, l.IsRevoked, l.IsExpired(now)))
                    .ToArray();
            }
        }
    }

    /// <summary>Finds a message by id (deleted ones included).</summary>
    /// <param name="messageId">The message id.</param>
    /// <returns>The message, or null.</returns>
    public EmulatorMessage? FindMessage(string messageId)
    {
        lock (Store.Sync)
        {
            return Store.MessagesById.TryGetValue(messageId, out var message) ? new EmulatorMessage(message, _emulator.NowMs) : null;
        }
    }

    /// <summary>Finds a conversation by id (deleted ones included, with <see cref="EmulatorConversation.IsDeleted"/>).</summary>
    /// <param name="conversationId">The conversation id.</param>
    /// <returns>The conversation, or null.</returns>
    public EmulatorConversation? FindConversation(string conversationId)
    {
        lock (Store.Sync)
        {
            return Store.ConversationsById.TryGetValue(conversationId, out var conversation) ? View(conversation) : null;
        }
    }

    /// <summary>
    /// The user's unread messages, as <c>/v3/messages/notified</c> lists them: messages of others, not deleted and not
    /// played by the user, in the conversations (not deleted) the user collaborates in; in creation order per conversation.
    /// </summary>
    /// <param name="userId">The user.</param>
    /// <returns>The messages.</returns>
    public IReadOnlyList<EmulatorMessage> UnreadMessagesOf(string userId)
    {
        lock (Store.Sync)
        {
            var user = Store.UsersById.TryGetValue(userId, out var found) ? found : throw new KeyNotFoundException($"Unknown user '{userId}'.");
            var now = _emulator.NowMs;
            return DataStore.VisibleConversations(user).Where(c => c.IsCollaborator(user))
                .SelectMany(c => c.Messages).Where(m => m.IsUnreadFor(user)).Select(m => new EmulatorMessage(m, now)).ToArray();
        }
    }

    /// <summary>Ids of the action items whose container is the conversation.</summary>
    /// <param name="conversationId">The conversation.</param>
    /// <returns>The action item ids.</returns>
    public IReadOnlyList<string> ActionItemIdsIn(string conversationId)
    {
        lock (Store.Sync)
        {
            return Store.ActionItems.Where(a => a.ContainerType == "channel" && a.ContainerId == conversationId && a.DeletedMs == 0).Select(a => a.Id).ToArray();
        }
    }

    private static EmulatorWorkspace View(WorkspaceRecord w)
        => new(w.Id, w.Name, w.Type, w.Owner.Id, w.Members.Select(m => m.User.Id).ToArray());

    private static EmulatorConversation View(ConversationRecord c)
        => new(c.Id, c.Workspace.Id, c.Name, c.Type, c.Collaborators.Select(x => x.User.Id).ToArray(), c.ActiveCount) { IsDeleted = c.IsDeleted };
}
