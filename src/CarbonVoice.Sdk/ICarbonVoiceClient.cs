namespace CarbonVoice.Sdk;

/// <summary>
/// The Carbon Voice API for one connection, grouped the way users think of it. Every member is an interface
/// or virtual, so tests can fake any part of it.
/// </summary>
public interface ICarbonVoiceClient
{
    /// <summary>The connection (BDE connector id) whose credentials this client uses.</summary>
    string ConnectionId { get; }

    /// <summary>OAuth 2.0: authorization URL, code exchange, refresh, revocation, userinfo, server metadata.</summary>
    IOAuthClient OAuth { get; }

    /// <summary>Workspaces.</summary>
    IWorkspacesClient Workspaces { get; }

    /// <summary>Conversations (channels).</summary>
    IConversationsClient Conversations { get; }

    /// <summary>Messages (voice posts and their transcripts).</summary>
    IMessagesClient Messages { get; }

    /// <summary>CarbonLinks.</summary>
    ICarbonLinksClient CarbonLinks { get; }

    /// <summary>Users and the current user.</summary>
    IUsersClient Users { get; }

    /// <summary>Action items.</summary>
    IActionItemsClient ActionItems { get; }

    /// <summary>Data exports.</summary>
    IDataExportsClient DataExports { get; }

    /// <summary>Message share links (and the originals of forwarded messages).</summary>
    IShareLinksClient ShareLinks { get; }

    /// <summary>The reactions users can put on messages.</summary>
    IReactionsClient Reactions { get; }

    /// <summary>Attachments: signed download URLs and the download of their bytes.</summary>
    IAttachmentsClient Attachments { get; }

    /// <summary>The latest rate-limit values the service reported for this connection, or null before the first response.</summary>
    RateLimitInfo? RateLimit { get; }
}
