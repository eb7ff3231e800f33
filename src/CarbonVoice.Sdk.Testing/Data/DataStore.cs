namespace CarbonVoice.Sdk.Testing;

/// <summary>The in-memory model. Every read and write happens under <see cref="Sync"/>.</summary>
internal sealed class DataStore
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private readonly Random _ids;

    public DataStore(int seed)
    {
        _ids = new Random(unchecked(seed * 31 + 7));
    }

    public Lock Sync { get; } = new();
    public List<UserRecord> Users { get; } = [];
    public List<WorkspaceRecord> Workspaces { get; } = [];
    public List<ConversationRecord> Conversations { get; } = [];
    public Dictionary<string, UserRecord> UsersById { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, WorkspaceRecord> WorkspacesById { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, ConversationRecord> ConversationsById { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, MessageRecord> MessagesById { get; } = new(StringComparer.Ordinal);
    public List<ActionItemRecord> ActionItems { get; } = [];
    public Dictionary<string, ExportJobRecord> Exports { get; } = new(StringComparer.Ordinal);
    public List<CarbonLinkRecord> CarbonLinks { get; } = [];
    public Dictionary<string, AttachmentRecord> AttachmentsById { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, ShareLinkRecord> ShareLinksById { get; } = new(StringComparer.Ordinal);
    public List<WebhookSubscriptionRecord> Subscriptions { get; } = [];
    public int MessageCount { get; set; }
    public int DeletedMessageCount { get; set; }

    /// <summary>Makes a new random alphanumeric id (call under <see cref="Sync"/>).</summary>
    public string NewId(int length) => NewId(_ids, length);

    public static string NewId(Random random, int length)
    {
        return string.Create(length, random, static (span, rng) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = Alphabet[rng.Next(Alphabet.Length)];
            }
        });
    }

    public string NewHexId()
    {
        Span<byte> bytes = stackalloc byte[12];
        _ids.NextBytes(bytes);
        return Convert.ToHexStringLower(bytes);
    }

    public Guid NewGuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        _ids.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    /// <summary>Generation of the v6 feed cursors: a cursor of an older generation is refused ("Invalid cursor").</summary>
    public int CursorGeneration { get; set; } = 1;

    public void AddMessage(MessageRecord message)
    {
        var conversation = message.Conversation;
        conversation.Messages.Add(message);
        MessagesById.Add(message.Id, message);
        if (message.HasAttachment && message.Attachments.Count == 0)
        {
            AddAttachment(AttachmentRecord.Generated(message));
        }

        conversation.ActiveCount++;
        conversation.TotalDurationMs += message.DurationMs;
        conversation.LatestChangeMs = Math.Max(conversation.LatestChangeMs, Math.Max(message.UpdatedMs, message.ReadyMs));
        MessageCount++;
    }

    public void AddAttachment(AttachmentRecord attachment)
    {
        AttachmentsById.Add(attachment.Id, attachment);
        attachment.Message.Attachments.Add(attachment);
    }

    /// <summary>Bumps the message's <c>updated_at</c> past its current value (at least now); <paramref name="ready"/> makes its transcript ready at once (an edit).</summary>
    public static void Touch(MessageRecord message, long nowMs, bool ready)
    {
        message.UpdatedMs = Math.Max(nowMs, message.UpdatedAt(nowMs) + 1);
        if (ready)
        {
            message.ReadyMs = Math.Min(message.ReadyMs, message.UpdatedMs);
        }

        var conversation = message.Conversation;
        conversation.LatestChangeMs = Math.Max(conversation.LatestChangeMs, message.UpdatedMs);
    }

    public void MarkDeleted(MessageRecord message, long nowMs)
    {
        if (message.IsDeleted)
        {
            return;
        }

        Touch(message, nowMs, ready: true);
        message.DeletedMs = message.UpdatedMs;
        message.Conversation.ActiveCount--;
        message.Conversation.TotalDurationMs -= message.DurationMs;
        DeletedMessageCount++;
    }

    /// <summary>Whether the user may read the conversation: members of its workspace may.</summary>
    public static bool CanSee(UserRecord user, ConversationRecord conversation) => conversation.Workspace.IsMember(user);

    /// <summary>Whether the user may read the conversation now: it is visible to them and not deleted on the backend (what <see cref="Access"/> answers 403 to otherwise).</summary>
    public static bool CanRead(UserRecord user, ConversationRecord conversation) => CanSee(user, conversation) && !conversation.IsDeleted;

    /// <summary>Every conversation, not deleted, of every workspace the user is a member of (collaborator or not).</summary>
    public static IEnumerable<ConversationRecord> VisibleConversations(UserRecord user)
    {
        foreach (var workspace in user.Workspaces)
        {
            foreach (var conversation in workspace.Conversations)
            {
                if (!conversation.IsDeleted)
                {
                    yield return conversation;
                }
            }
        }
    }
}
