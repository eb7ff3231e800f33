namespace CarbonVoice.Sdk.Testing;

/// <summary>Writes that drive delta sync and webhooks, as a real user's activity would. Also served under <c>/_emulator/</c>.</summary>
public sealed class EmulatorControl
{
    private readonly CarbonVoiceEmulator _emulator;

    internal EmulatorControl(CarbonVoiceEmulator emulator)
    {
        _emulator = emulator;
    }

    private DataStore Store => _emulator.Store;

    /// <summary>Posts a message; raises <c>message.posted.to.channel</c> now and <c>message.finished</c> when the transcript is ready.</summary>
    /// <param name="conversationId">The conversation.</param>
    /// <param name="creatorUserId">The author.</param>
    /// <param name="transcript">The transcript.</param>
    /// <returns>The new message id.</returns>
    public string PostMessage(string conversationId, string creatorUserId, string transcript)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        MessageRecord message;
        var events = new List<WebhookEvent>();
        lock (Store.Sync)
        {
            var conversation = FindConversation(conversationId);
            var creator = FindUser(creatorUserId);
            var now = _emulator.NowMs;
            var last = conversation.Messages.Count > 0 ? conversation.Messages[^1].CreatedMs : 0;
            var created = Math.Max(now, last + 1);
            var words = transcript.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
            message = new MessageRecord
            {
                Id = UniqueMessageId(),
                Conversation = conversation,
                Creator = creator,
                Sequence = conversation.Messages.Count + 1,
                CreatedMs = created,
                UpdatedMs = created,
                TranscriptSeed = transcript.Length,
                WordCount = words,
                TranscriptOverride = transcript,
                Kind = MessageKind.Audio,
                DurationMs = 1000 + words * 380,
            };
            Store.AddMessage(message);
            conversation.UpdatedMs = Math.Max(conversation.UpdatedMs, created);
            events.Add(WebhookEvent.ForMessage("message.posted.to.channel", message, Scope(now)));
            if (!_emulator.Options.Quirks.Enabled)
            {
                events.Add(WebhookEvent.ForMessage("message.finished", message, Scope(now)));
            }
        }

        _emulator.Webhooks.Enqueue(events);
        if (_emulator.Options.Quirks.Enabled)
        {
            _emulator.Webhooks.Schedule(_emulator.Options.Quirks.TranscriptDelay, () => RaiseFinished(message));
        }

        return message.Id;
    }

    /// <summary>Replaces a message's transcript (bumps <c>updated_at</c>; raises <c>message.finished</c> again).</summary>
    /// <param name="messageId">The message.</param>
    /// <param name="transcript">The new transcript.</param>
    public void EditMessage(string messageId, string transcript)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        WebhookEvent webhookEvent;
        lock (Store.Sync)
        {
            var message = FindMessage(messageId);
            if (message.IsDeleted)
            {
                throw new ArgumentException("The message is deleted.", nameof(messageId));
            }

            var now = _emulator.NowMs;
            message.TranscriptOverride = transcript;
            message.UpdatedMs = Math.Max(now, message.UpdatedMs + 1);
            webhookEvent = WebhookEvent.ForMessage("message.finished", message, Scope(now));
        }

        _emulator.Webhooks.Enqueue([webhookEvent]);
    }

    /// <summary>Deletes a message: it leaves lists and windows, shows as a tombstone by id and in <c>/v3/messages/notified</c>; raises <c>message.deleted</c>.</summary>
    /// <param name="messageId">The message.</param>
    public void DeleteMessage(string messageId)
    {
        WebhookEvent webhookEvent;
        lock (Store.Sync)
        {
            var message = FindMessage(messageId);
            if (message.IsDeleted)
            {
                return;
            }

            var now = _emulator.NowMs;
            Store.MarkDeleted(message, Math.Max(now, message.UpdatedMs + 1));
            webhookEvent = WebhookEvent.ForMessage("message.deleted", message, Scope(now));
        }

        _emulator.Webhooks.Enqueue([webhookEvent]);
    }

    /// <summary>Adds a reaction; with quirks on (and <see cref="QuirkOptions.ReactionsBumpUpdatedAt"/>) it bumps <c>updated_at</c>.</summary>
    /// <param name="messageId">The message.</param>
    /// <param name="userId">The reacting user.</param>
    /// <param name="reactionId">The reaction, e.g. <c>thumbs_up</c>.</param>
    public void AddReaction(string messageId, string userId, string reactionId)
    {
        ArgumentException.ThrowIfNullOrEmpty(reactionId);
        lock (Store.Sync)
        {
            var message = FindMessage(messageId);
            var user = FindUser(userId);
            (message.Reactions ??= []).Add((user, reactionId));
            var quirks = _emulator.Options.Quirks;
            if (quirks.Enabled && quirks.ReactionsBumpUpdatedAt)
            {
                message.UpdatedMs = Math.Max(_emulator.NowMs, message.UpdatedMs + 1);
            }
        }
    }

    /// <summary>Creates a conversation, optionally with generated messages (timestamps ending now); raises <c>channel.created</c>.</summary>
    /// <param name="workspaceId">The workspace.</param>
    /// <param name="name">The conversation name.</param>
    /// <param name="generatedMessages">How many messages to generate in it.</param>
    /// <param name="collaboratorIds">Collaborators; all workspace members when null.</param>
    /// <returns>The new conversation id.</returns>
    public string CreateConversation(string workspaceId, string name, int generatedMessages = 0, IEnumerable<string>? collaboratorIds = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentOutOfRangeException.ThrowIfNegative(generatedMessages);
        WebhookEvent webhookEvent;
        string id;
        lock (Store.Sync)
        {
            if (!Store.WorkspacesById.TryGetValue(workspaceId, out var workspace))
            {
                throw new KeyNotFoundException($"Unknown workspace '{workspaceId}'.");
            }

            var collaborators = collaboratorIds?.Select(FindUser).ToList() ?? workspace.Members.Select(m => m.User).ToList();
            var now = _emulator.NowMs;
            var random = new Random(unchecked(_emulator.Options.Seed + Store.Conversations.Count * 7919));
            var conversation = DataGenerator.GenerateConversation(Store, random, workspace, workspace.Conversations.Count, generatedMessages, now, name, collaborators);
            id = conversation.Id;
            webhookEvent = WebhookEvent.ForChannel("channel.created", conversation, Scope(now));
        }

        _emulator.Webhooks.Enqueue([webhookEvent]);
        return id;
    }

    /// <summary>Creates an action item in a conversation; raises <c>action-item.created</c>.</summary>
    /// <param name="conversationId">The conversation (container).</param>
    /// <param name="creatorUserId">The creator.</param>
    /// <param name="title">The title.</param>
    /// <param name="assignedToUserId">The assignee, if any.</param>
    /// <returns>The new action item id.</returns>
    public string CreateActionItem(string conversationId, string creatorUserId, string title, string? assignedToUserId = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(title);
        WebhookEvent webhookEvent;
        string id;
        lock (Store.Sync)
        {
            var conversation = FindConversation(conversationId);
            var now = _emulator.NowMs;
            var item = new ActionItemRecord
            {
                Id = Store.NewHexId(),
                Title = title,
                Status = "todo",
                Creator = FindUser(creatorUserId),
                AssignedTo = assignedToUserId is null ? null : FindUser(assignedToUserId),
                Workspace = conversation.Workspace,
                ContainerType = "channel",
                ContainerId = conversation.Id,
                CreatedMs = now,
                UpdatedMs = now,
            };
            Store.ActionItems.Add(item);
            id = item.Id;
            webhookEvent = WebhookEvent.ForActionItem("action-item.created", item);
        }

        _emulator.Webhooks.Enqueue([webhookEvent]);
        return id;
    }

    private void RaiseFinished(MessageRecord message)
    {
        WebhookEvent webhookEvent;
        lock (Store.Sync)
        {
            if (message.IsDeleted)
            {
                return;
            }

            webhookEvent = WebhookEvent.ForMessage("message.finished", message, Scope(_emulator.NowMs));
        }

        _emulator.Webhooks.Enqueue([webhookEvent]);
    }

    private WriteScope Scope(long nowMs) => new(_emulator.BaseUrl, nowMs, _emulator.Options.Quirks);

    private string UniqueMessageId()
    {
        string id;
        do
        {
            id = Store.NewId(20);
        }
        while (Store.MessagesById.ContainsKey(id));
        return id;
    }

    private ConversationRecord FindConversation(string id)
        => Store.ConversationsById.TryGetValue(id ?? string.Empty, out var conversation) ? conversation : throw new KeyNotFoundException($"Unknown conversation '{id}'.");

    private MessageRecord FindMessage(string id)
        => Store.MessagesById.TryGetValue(id ?? string.Empty, out var message) ? message : throw new KeyNotFoundException($"Unknown message '{id}'.");

    private UserRecord FindUser(string id)
        => Store.UsersById.TryGetValue(id ?? string.Empty, out var user) ? user : throw new KeyNotFoundException($"Unknown user '{id}'.");
}
