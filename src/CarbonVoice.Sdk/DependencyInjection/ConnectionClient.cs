namespace CarbonVoice.Sdk.Internal;

/// <summary>
/// The client <see cref="ICarbonVoiceClientFactory"/> hands out. It owns nothing (its HTTP client comes from
/// IHttpClientFactory), so it is deliberately not <see cref="IDisposable"/>: the container would otherwise keep
/// every transient instance resolved from the root until shutdown.
/// </summary>
internal sealed class ConnectionClient : ICarbonVoiceClient
{
    private readonly IRateLimitState _rateLimits;

    public ConnectionClient(CarbonVoiceConnection connection, IOAuthClient oauth, IRateLimitState rateLimits)
    {
        _rateLimits = rateLimits;
        ConnectionId = connection.ConnectionId;
        OAuth = oauth;
        var areas = new AreaClients(connection);
        (Workspaces, Conversations, Messages, CarbonLinks, Users, ActionItems, DataExports) = (areas.Workspaces, areas.Conversations, areas.Messages, areas.CarbonLinks, areas.Users, areas.ActionItems, areas.DataExports);
        (ShareLinks, Reactions, Attachments) = (areas.ShareLinks, areas.Reactions, areas.Attachments);
    }

    public string ConnectionId { get; }

    public IOAuthClient OAuth { get; }

    public IWorkspacesClient Workspaces { get; }

    public IConversationsClient Conversations { get; }

    public IMessagesClient Messages { get; }

    public ICarbonLinksClient CarbonLinks { get; }

    public IUsersClient Users { get; }

    public IActionItemsClient ActionItems { get; }

    public IDataExportsClient DataExports { get; }

    public IShareLinksClient ShareLinks { get; }

    public IReactionsClient Reactions { get; }

    public IAttachmentsClient Attachments { get; }

    public RateLimitInfo? RateLimit => _rateLimits.Get(ConnectionId);
}
