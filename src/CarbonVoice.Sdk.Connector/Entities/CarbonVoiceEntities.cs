using System.Collections.Frozen;

namespace CarbonVoice.Sdk.Connector;

/// <summary>The syncable entity types: the five of the integration guide plus the optional conversation summary.</summary>
public static class CarbonVoiceEntities
{
    /// <summary>The workspace entity key.</summary>
    public const string Workspace = "workspace";

    /// <summary>The channel (conversation) entity key.</summary>
    public const string Channel = "channel";

    /// <summary>The message (discussion) entity key.</summary>
    public const string Message = "message";

    /// <summary>
    /// The attachment entity key: one record per file attached to a synced message (parent: the conversation), with its
    /// name, type and size, and, for text documents when <see cref="SyncOptions.FetchTextAttachments"/> is on, their text.
    /// </summary>
    public const string Attachment = "attachment";

    /// <summary>The action item entity key.</summary>
    public const string ActionItem = "action_item";

    /// <summary>The CarbonLink entity key.</summary>
    public const string CarbonLink = "carbonlink";

    /// <summary>The AI conversation summary entity key.</summary>
    public const string ConversationSummary = "conversation_summary";

    /// <summary>The operational-maturity pillar.</summary>
    public const string OperationalMaturityPillar = "operational_maturity";

    /// <summary>The customer-health pillar.</summary>
    public const string CustomerHealthPillar = "customer_health";

    /// <summary>Every definition, in sync order.</summary>
    public static IReadOnlyList<EntityDefinition> All { get; } =
    [
        new(Workspace, "/v5/workspaces", "Workspaces", "Workspaces grouping people and conversations", true, OperationalMaturityPillar),
        new(Channel, "/channels/{workspace_guid}", "Channels (Conversations)", "Communication channels within workspaces", true, CustomerHealthPillar),
        new(Message, "/v6/messages", "Messages (Discussions)", "Individual messages and voice posts", true, CustomerHealthPillar),
        new(Attachment, "/v6/messages (attachments); /attachments/signedurl/{id}", "Attachments", "Files attached to messages: names, types, sizes, and the text of text documents", true, CustomerHealthPillar),
        new(ActionItem, "/action-items/channel/{channel_id}", "Action Items", "Tasks and action items from conversations", true, OperationalMaturityPillar),
        new(CarbonLink, "/carbonlink/create", "CarbonLinks", "Links to start conversations", false, OperationalMaturityPillar),
        new(ConversationSummary, "/channels/{channel_id}/summary", "Conversation Summaries", "AI-generated summaries of conversations", false, CustomerHealthPillar),
    ];

    /// <summary>The definitions by key.</summary>
    public static FrozenDictionary<string, EntityDefinition> ByKey { get; } = All.ToFrozenDictionary(e => e.Key, StringComparer.Ordinal);

    /// <summary>The keys enabled by default.</summary>
    public static IReadOnlySet<string> DefaultEnabled { get; } = All.Where(e => e.DefaultEnabled).Select(e => e.Key).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The definition of a key, or null.</summary>
    /// <param name="key">The entity key.</param>
    public static EntityDefinition? Find(string key) => ByKey.GetValueOrDefault(key);
}
