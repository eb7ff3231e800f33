namespace CarbonVoice.Sdk.Testing;

/// <summary>Writes that drive the change feeds and webhooks, as a real user's activity would. Also served under <c>/_emulator/</c>.</summary>
public sealed class EmulatorControl
{
    private readonly CarbonVoiceEmulator _emulator;

    internal EmulatorControl(CarbonVoiceEmulator emulator)
    {
        _emulator = emulator;
    }

    private DataStore Store => _emulator.Store;

    /// <summary>
    /// Posts an audio message. It is <c>processing</c> (no transcript in any shape) until <c>created_at +</c>
    /// <see cref="QuirkOptions.TranscriptDelay"/>, then <c>active</c> with its <c>updated_at</c> bumped to that time.
    /// Raises <c>message.posted.to.channel</c> now and <c>message.finished</c> when the transcript is ready.
    /// </summary>
    /// <param name="conversationId">The conversation.</param>
    /// <param name="creatorUserId">The author.</param>
    /// <param name="transcript">The transcript.</param>
    /// <returns>The new message id.</returns>
    public string PostMessage(string conversationId, string creatorUserId, string transcript)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        MessageRecord message;
        var events = new List<WebhookEvent>();
        bool readyNow;
        var delay = _emulator.Options.Quirks.TranscriptDelay;
        if (delay < TimeSpan.Zero)
        {
            delay = TimeSpan.Zero;
        }

        lock (Store.Sync)
        {
            var conversation = FindLiveConversation(conversationId);
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
                ReadyMs = created + (long)delay.TotalMilliseconds,
                TranscriptSeed = transcript.Length,
                WordCount = words,
                TranscriptOverride = transcript,
                Kind = MessageKind.Audio,
                DurationMs = 1000 + words * MessageParts.WordMs,
            };
            Store.AddMessage(message);
            conversation.UpdatedMs = Math.Max(conversation.UpdatedMs, created);
            events.Add(WebhookEvent.ForMessage("message.posted.to.channel", message, Scope(now)));
            readyNow = message.IsReady(now);
            if (readyNow)
            {
                events.Add(WebhookEvent.ForMessage("message.finished", message, Scope(now)));
            }
        }

        _emulator.Webhooks.Enqueue(events);
        if (!readyNow)
        {
            var readyMs = message.ReadyMs;
            var wait = TimeSpan.FromMilliseconds(Math.Max(0, readyMs - _emulator.NowMs));
            _emulator.Webhooks.Schedule(wait, () => RaiseFinished(message, readyMs));
        }

        return message.Id;
    }

    /// <summary>Replaces a message's transcript: bumps <c>updated_at</c>, makes the transcript ready at once and raises <c>message.finished</c>.</summary>
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
            DataStore.Touch(message, now, ready: true);
            webhookEvent = WebhookEvent.ForMessage("message.finished", message, Scope(now));
        }

        _emulator.Webhooks.Enqueue([webhookEvent]);
    }

    /// <summary>
    /// Deletes a message (bumps <c>updated_at</c>): it leaves lists, windows and <c>/v6/messages</c>, shows as a tombstone
    /// by id and in <c>/v6/messages/updates</c>; raises <c>message.deleted</c>.
    /// </summary>
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
            Store.MarkDeleted(message, now);
            webhookEvent = WebhookEvent.ForMessage("message.deleted", message, Scope(now));
        }

        _emulator.Webhooks.Enqueue([webhookEvent]);
    }

    /// <summary>Adds a reaction; it bumps <c>updated_at</c> unless <see cref="QuirkOptions.ReactionsBumpUpdatedAt"/> is turned off.</summary>
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
            if (_emulator.Options.Quirks.ReactionsBumpUpdatedAt)
            {
                DataStore.Touch(message, _emulator.NowMs, ready: false);
            }
        }
    }

    /// <summary>
    /// Attaches a file to a message: it appears in the message's <c>attachments</c> (every shape), its signed URL serves
    /// <paramref name="content"/>, and the message's <c>updated_at</c> moves (the change feed brings it again).
    /// </summary>
    /// <param name="messageId">The message.</param>
    /// <param name="filename">The file name.</param>
    /// <param name="mimeType">The MIME type, for example <c>text/plain</c>.</param>
    /// <param name="content">The file's bytes.</param>
    /// <returns>The new attachment id.</returns>
    public string AddAttachment(string messageId, string filename, string mimeType, byte[] content)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(filename);
        ArgumentException.ThrowIfNullOrWhiteSpace(mimeType);
        ArgumentNullException.ThrowIfNull(content);
        lock (Store.Sync)
        {
            var message = FindMessage(messageId);
            if (message.IsDeleted)
            {
                throw new ArgumentException("The message is deleted.", nameof(messageId));
            }

            string id;
            do
            {
                id = Store.NewHexId();
            }
            while (Store.AttachmentsById.ContainsKey(id));

            var now = _emulator.NowMs;
            Store.AddAttachment(AttachmentRecord.WithContent(id, message, filename, mimeType, now, [.. content]));
            DataStore.Touch(message, now, ready: false);
            return id;
        }
    }

    /// <summary>Revokes a share link: <c>GET /v6/message-sharelinks/{id}</c> answers 403 from now on.</summary>
    /// <param name="shareLinkId">The share link.</param>
    public void RevokeShareLink(string shareLinkId)
    {
        lock (Store.Sync)
        {
            var link = Store.ShareLinksById.TryGetValue(shareLinkId ?? string.Empty, out var found) ? found : throw new KeyNotFoundException($"Unknown share link '{shareLinkId}'.");
            if (!link.IsRevoked)
            {
                link.RevokedMs = Math.Max(1, _emulator.NowMs);
            }
        }
    }

    /// <summary>Records that a user played a message: it is no longer in that user's <c>/v3/messages/notified</c> (unread) list. Does not change <c>updated_at</c>.</summary>
    /// <param name="messageId">The message.</param>
    /// <param name="userId">The user who played it.</param>
    public void MarkPlayed(string messageId, string userId)
    {
        lock (Store.Sync)
        {
            var message = FindMessage(messageId);
            var user = FindUser(userId);
            if (!message.PlayedByAll && !(message.PlayedBy?.Contains(user) ?? false))
            {
                (message.PlayedBy ??= []).Add(user);
            }
        }
    }

    /// <summary>
    /// Makes every v6 feed cursor issued so far answer 400 "Invalid cursor" (as after a server-side change of the cursor
    /// format); cursors issued afterwards work.
    /// </summary>
    public void InvalidateCursors()
    {
        lock (Store.Sync)
        {
            Store.CursorGeneration++;
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

    /// <summary>
    /// Deletes a conversation on the backend: every conversation-scoped read of it answers 403, its messages leave the feeds,
    /// and <c>/channels/{ws}</c> no longer lists it, unless <paramref name="stillListed"/> keeps it in the listing
    /// (a stale listing: listed, then 403). Raises <c>channel.deleted</c>.
    /// </summary>
    /// <param name="conversationId">The conversation.</param>
    /// <param name="stillListed">Whether <c>/channels/{ws}</c> keeps listing it.</param>
    public void DeleteConversation(string conversationId, bool stillListed = false)
    {
        WebhookEvent? webhookEvent = null;
        lock (Store.Sync)
        {
            var conversation = FindConversation(conversationId);
            conversation.StillListed = stillListed;
            if (!conversation.IsDeleted)
            {
                var now = _emulator.NowMs;
                conversation.DeletedMs = now;
                conversation.UpdatedMs = Math.Max(conversation.UpdatedMs, now);
                webhookEvent = WebhookEvent.ForChannel("channel.deleted", conversation, Scope(now));
            }
        }

        if (webhookEvent is not null)
        {
            _emulator.Webhooks.Enqueue([webhookEvent]);
        }
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
            var conversation = FindLiveConversation(conversationId);
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

    /// <summary>Deletes an action item: it leaves the action-item lists; raises <c>action-item.deleted</c>.</summary>
    /// <param name="actionItemId">The action item.</param>
    public void DeleteActionItem(string actionItemId)
    {
        WebhookEvent webhookEvent;
        lock (Store.Sync)
        {
            var item = Store.ActionItems.Find(a => a.Id == actionItemId && a.DeletedMs == 0)
                ?? throw new KeyNotFoundException($"Unknown action item '{actionItemId}'.");
            var now = _emulator.NowMs;
            item.DeletedMs = now;
            item.UpdatedMs = Math.Max(item.UpdatedMs, now);
            webhookEvent = WebhookEvent.ForActionItem("action-item.deleted", item);
        }

        _emulator.Webhooks.Enqueue([webhookEvent]);
    }

    /// <summary>Raises <c>message.finished</c> when a posted message's transcript gets ready (not when an edit or delete came first).</summary>
    private void RaiseFinished(MessageRecord message, long readyMs)
    {
        WebhookEvent webhookEvent;
        lock (Store.Sync)
        {
            if (message.IsDeleted || message.ReadyMs != readyMs)
            {
                return;
            }

            webhookEvent = WebhookEvent.ForMessage("message.finished", message, Scope(Math.Max(_emulator.NowMs, readyMs)));
        }

        _emulator.Webhooks.Enqueue([webhookEvent]);
    }

    private WriteScope Scope(long nowMs) => new(_emulator.BaseUrl, nowMs);

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

    private ConversationRecord FindLiveConversation(string id)
    {
        var conversation = FindConversation(id);
        return conversation.IsDeleted ? throw new ArgumentException($"Conversation '{id}' is deleted.", nameof(id)) : conversation;
    }

    private MessageRecord FindMessage(string id)
        => Store.MessagesById.TryGetValue(id ?? string.Empty, out var message) ? message : throw new KeyNotFoundException($"Unknown message '{id}'.");

    private UserRecord FindUser(string id)
        => Store.UsersById.TryGetValue(id ?? string.Empty, out var user) ? user : throw new KeyNotFoundException($"Unknown user '{id}'.");
}
