using CarbonVoice.Sdk;

namespace CarbonVoice.ContractCheck;

/// <summary>
/// Every read-only route the SDK has, with its evidence level. Writes (creating workspaces, links, action items,
/// exports, messages; OAuth token and revoke calls) are deliberately absent: the check never changes anything.
/// </summary>
public static class RouteCatalog
{
    private const string Contract = "wire contract";

    /// <summary><c>GET /.well-known/oauth-authorization-server</c>.</summary>
    public static readonly RouteDefinition ServerMetadata = new("GET", "/.well-known/oauth-authorization-server", EvidenceLevel.Inferred, Contract, "OAuth.GetServerMetadataAsync", ResponseKind.Single, typeof(AuthorizationServerMetadata));

    /// <summary><c>GET /oauth/userinfo</c>.</summary>
    public static readonly RouteDefinition UserInfo = new("GET", "/oauth/userinfo", EvidenceLevel.Confirmed, Contract, "OAuth.GetUserInfoAsync", ResponseKind.Single, typeof(UserInfo), "user");

    /// <summary><c>GET /whoami</c>.</summary>
    public static readonly RouteDefinition WhoAmI = new("GET", "/whoami", EvidenceLevel.Confirmed, Contract, "Users.WhoAmIAsync", ResponseKind.Single, typeof(User), "user");

    /// <summary><c>POST /contacts</c>.</summary>
    public static readonly RouteDefinition Contacts = new("POST", "/contacts", EvidenceLevel.Confirmed, Contract, "Users.ListContactsAsync", ResponseKind.List, typeof(Contact));

    /// <summary><c>GET /users</c>.</summary>
    public static readonly RouteDefinition Users = new("GET", "/users", EvidenceLevel.GuideOnly, Contract, "Users.ListAsync", ResponseKind.List, typeof(Contact));

    /// <summary><c>GET /users/last-seen</c>.</summary>
    public static readonly RouteDefinition LastSeen = new("GET", "/users/last-seen", EvidenceLevel.GuideOnly, Contract, "Users.ListLastSeenAsync", ResponseKind.List, typeof(UserLastSeen));

    /// <summary><c>GET /v5/workspaces</c>.</summary>
    public static readonly RouteDefinition Workspaces = new("GET", "/v5/workspaces", EvidenceLevel.Confirmed, Contract, "Workspaces.ListAsync", ResponseKind.PagedList, typeof(Workspace));

    /// <summary><c>GET /v5/workspaces/{id}</c>.</summary>
    public static readonly RouteDefinition Workspace = new("GET", "/v5/workspaces/{id}", EvidenceLevel.Inferred, Contract, "Workspaces.GetAsync", ResponseKind.Single, typeof(Workspace), "workspace");

    /// <summary><c>GET /v3/workspaces</c>.</summary>
    public static readonly RouteDefinition LegacyWorkspaces = new("GET", "/v3/workspaces", EvidenceLevel.Confirmed, Contract, "Workspaces.ListLegacyAsync", ResponseKind.List, typeof(LegacyWorkspace));

    /// <summary><c>GET /v3/workspaces/{guid}</c>.</summary>
    public static readonly RouteDefinition LegacyWorkspace = new("GET", "/v3/workspaces/{guid}", EvidenceLevel.Confirmed, Contract, "Workspaces.GetLegacyAsync", ResponseKind.Single, typeof(LegacyWorkspace), "workspace");

    /// <summary><c>GET /channels/{workspace_guid}</c>.</summary>
    public static readonly RouteDefinition Conversations = new("GET", "/channels/{workspace_guid}", EvidenceLevel.Confirmed, Contract, "Conversations.ListAsync", ResponseKind.List, typeof(Conversation));

    /// <summary><c>GET /channels/{workspace_guid}/available</c>.</summary>
    public static readonly RouteDefinition AvailableConversations = new("GET", "/channels/{workspace_guid}/available", EvidenceLevel.GuideOnly, Contract, "Conversations.ListAvailableAsync", ResponseKind.List, typeof(Conversation));

    /// <summary><c>GET /v2/channel/{channel_guid}</c>.</summary>
    public static readonly RouteDefinition Conversation = new("GET", "/v2/channel/{channel_guid}", EvidenceLevel.Confirmed, Contract, "Conversations.GetAsync", ResponseKind.Single, typeof(Conversation), "channel");

    /// <summary><c>GET /channel/{channel_guid}</c>.</summary>
    public static readonly RouteDefinition ConversationV1 = new("GET", "/channel/{channel_guid}", EvidenceLevel.Confirmed, Contract, "Conversations.GetV1Async", ResponseKind.Single, typeof(Conversation), "channel");

    /// <summary><c>GET /channel/collaborators/{workspace_guid}/{channel_guid}</c>.</summary>
    public static readonly RouteDefinition Collaborators = new("GET", "/channel/collaborators/{workspace_guid}/{channel_guid}", EvidenceLevel.GuideOnly, Contract, "Conversations.ListCollaboratorsAsync", ResponseKind.List, typeof(Collaborator));

    /// <summary><c>GET /channels/{channel_guid}/summary</c>.</summary>
    public static readonly RouteDefinition Summary = new("GET", "/channels/{channel_guid}/summary", EvidenceLevel.GuideOnly, Contract, "Conversations.GetSummaryAsync", ResponseKind.Single, typeof(ConversationSummary), "summary");

    /// <summary><c>GET /v6/messages</c>.</summary>
    public static readonly RouteDefinition History = new("GET", "/v6/messages", EvidenceLevel.Confirmed, Contract, "Messages.ListHistoryAsync", ResponseKind.PagedList, typeof(MessageV6));

    /// <summary><c>GET /v6/messages/updates</c>.</summary>
    public static readonly RouteDefinition Updates = new("GET", "/v6/messages/updates", EvidenceLevel.Confirmed, Contract, "Messages.ListUpdatesAsync", ResponseKind.PagedList, typeof(MessageV6));

    /// <summary><c>GET /v6/messages/{id}</c>.</summary>
    public static readonly RouteDefinition MessageV6 = new("GET", "/v6/messages/{id}", EvidenceLevel.Confirmed, Contract, "Messages.GetV6Async", ResponseKind.Single, typeof(MessageV6), "message");

    /// <summary><c>POST /v6/messages/by-ids</c>.</summary>
    public static readonly RouteDefinition MessagesByIdsV6 = new("POST", "/v6/messages/by-ids", EvidenceLevel.Confirmed, Contract, "Messages.GetByIdsV6Async", ResponseKind.List, typeof(MessageV6));

    /// <summary><c>GET /v5/messages/{id}</c>.</summary>
    public static readonly RouteDefinition Message = new("GET", "/v5/messages/{id}", EvidenceLevel.Confirmed, Contract, "Messages.GetAsync", ResponseKind.Single, typeof(Message), "message");

    /// <summary><c>POST /v5/messages/by-ids</c>.</summary>
    public static readonly RouteDefinition MessagesByIds = new("POST", "/v5/messages/by-ids", EvidenceLevel.Confirmed, Contract, "Messages.GetByIdsAsync", ResponseKind.List, typeof(Message));

    /// <summary><c>GET /v5/conversations/{id}/messages/ids</c>.</summary>
    public static readonly RouteDefinition MessageIds = new("GET", "/v5/conversations/{id}/messages/ids", EvidenceLevel.GuideOnly, Contract, "Messages.ListIdsAsync", ResponseKind.PagedList, null);

    /// <summary><c>GET /v3/messages/{channel_id}/by-id</c>.</summary>
    public static readonly RouteDefinition MessagesByChannel = new("GET", "/v3/messages/{channel_id}/by-id", EvidenceLevel.GuideOnly, Contract, "Messages.ListByChannelAsync", ResponseKind.PagedList, typeof(LegacyMessage));

    /// <summary><c>GET /v3/messages/{channel_id}/sequential/{start}/{stop}</c>.</summary>
    public static readonly RouteDefinition Sequential = new("GET", "/v3/messages/{channel_id}/sequential/{start}/{stop}", EvidenceLevel.GuideOnly, Contract, "Messages.ListSequentialAsync", ResponseKind.PagedList, typeof(LegacyMessage));

    /// <summary><c>POST /v3/messages/recent</c>.</summary>
    public static readonly RouteDefinition Recent = new("POST", "/v3/messages/recent", EvidenceLevel.Confirmed, Contract, "Messages.ListRecentAsync", ResponseKind.PagedList, typeof(LegacyMessage));

    /// <summary><c>POST /v3/messages/notified</c>.</summary>
    public static readonly RouteDefinition Notified = new("POST", "/v3/messages/notified", EvidenceLevel.GuideOnly, Contract, "Messages.ListNotifiedAsync", ResponseKind.PagedList, typeof(LegacyMessage));

    /// <summary><c>POST /v3/search</c>.</summary>
    public static readonly RouteDefinition Search = new("POST", "/v3/search", EvidenceLevel.GuideOnly, Contract, "Messages.SearchAsync", ResponseKind.PagedList, typeof(LegacyMessage));

    /// <summary><c>GET /v3/messages/{id}</c>.</summary>
    public static readonly RouteDefinition MessageV3 = new("GET", "/v3/messages/{id}", EvidenceLevel.Confirmed, Contract, "Messages.GetV3Async", ResponseKind.Single, typeof(LegacyMessage), "message");

    /// <summary><c>GET /messages/{channel_id}/index</c>.</summary>
    public static readonly RouteDefinition MessageIndex = new("GET", "/messages/{channel_id}/index", EvidenceLevel.Confirmed, Contract, "Messages.ListIndexAsync", ResponseKind.List, typeof(MessageIndexEntry));

    /// <summary><c>GET /v6/message-sharelinks/{id}</c>.</summary>
    public static readonly RouteDefinition ShareLink = new("GET", "/v6/message-sharelinks/{id}", EvidenceLevel.Confirmed, Contract, "ShareLinks.GetAsync", ResponseKind.Single, typeof(MessageShareLink), "share_link");

    /// <summary><c>GET /reactions</c>.</summary>
    public static readonly RouteDefinition Reactions = new("GET", "/reactions", EvidenceLevel.Confirmed, Contract, "Reactions.ListAsync", ResponseKind.List, typeof(Reaction));

    /// <summary><c>GET /attachments/signedurl/{id}</c>: a bare string, no model (the URL is never reported).</summary>
    public static readonly RouteDefinition AttachmentSignedUrl = new("GET", "/attachments/signedurl/{id}", EvidenceLevel.Confirmed, Contract, "Attachments.GetDownloadUrlAsync", ResponseKind.Single, null);

    /// <summary><c>POST /v5/attachments/download/signedurl/bulk</c>.</summary>
    public static readonly RouteDefinition AttachmentSignedUrls = new("POST", "/v5/attachments/download/signedurl/bulk", EvidenceLevel.Confirmed, Contract, "Attachments.GetDownloadUrlsAsync", ResponseKind.List, typeof(AttachmentDownloadUrl));

    /// <summary><c>GET /action-items/{container_type}/{container_id}</c>.</summary>
    public static readonly RouteDefinition ActionItems = new("GET", "/action-items/{container_type}/{container_id}", EvidenceLevel.GuideOnly, Contract, "ActionItems.ListAsync", ResponseKind.PagedList, typeof(ActionItem));

    /// <summary><c>GET /action-items/mine</c>.</summary>
    public static readonly RouteDefinition MyActionItems = new("GET", "/action-items/mine", EvidenceLevel.GuideOnly, Contract, "ActionItems.ListMineAsync", ResponseKind.PagedList, typeof(ActionItem));

    /// <summary><c>GET /data-exporter/{id}</c>.</summary>
    public static readonly RouteDefinition Export = new("GET", "/data-exporter/{id}", EvidenceLevel.GuideOnly, Contract, "DataExports.GetAsync", ResponseKind.Single, typeof(ExportJob), "export");

    /// <summary>Every route, in report order.</summary>
    public static IReadOnlyList<RouteDefinition> All { get; } =
    [
        ServerMetadata, UserInfo, WhoAmI, Contacts, Users, LastSeen,
        Workspaces, Workspace, LegacyWorkspaces, LegacyWorkspace,
        Conversations, AvailableConversations, Conversation, ConversationV1, Collaborators, Summary,
        History, Updates, MessageV6, MessagesByIdsV6, Message, MessagesByIds, MessageIds,
        MessagesByChannel, Sequential, Recent, Notified, Search, MessageV3, MessageIndex,
        ShareLink, Reactions, AttachmentSignedUrl, AttachmentSignedUrls,
        ActionItems, MyActionItems, Export,
    ];
}
