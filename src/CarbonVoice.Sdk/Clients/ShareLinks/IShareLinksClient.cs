namespace CarbonVoice.Sdk;

/// <summary>
/// Message share links: links that open a message, and the records behind forwarded messages (a message whose
/// <c>share_link_id</c> is set carries only the forwarder's comment; read the original through its share link).
/// </summary>
public interface IShareLinksClient
{
    /// <summary>
    /// Reads a share link with the shared message in the v6 shape (<c>GET /v6/message-sharelinks/{id}</c>, confirmed).
    /// The service authorizes through the link itself, so the caller may read a forwarded message without access to its
    /// conversation (<see cref="MessageShareLink.HasChannelAccess"/> says which).
    /// </summary>
    /// <param name="shareLinkId">The share link id, for example a message's <see cref="MessageV6.ShareLinkId"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentException"><paramref name="shareLinkId"/> is blank.</exception>
    /// <exception cref="CarbonVoiceForbiddenException">The link was revoked or has expired, or the caller may not open it (the service answers 403).</exception>
    /// <exception cref="CarbonVoiceNotFoundException">No such share link.</exception>
    Task<MessageShareLink> GetAsync(string shareLinkId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates a share link to a message (<c>POST /message-sharelinks</c>, confirmed; the response shape beyond its id is
    /// inferred and read leniently). Not retried after a transient fault: it could create a second link.
    /// </summary>
    /// <param name="request">The message, the share and access types, the end of access and, for a <c>specified</c> link, who may open it.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is null.</exception>
    /// <exception cref="ArgumentException">A field of the request is blank or inconsistent; the message names it.</exception>
    Task<MessageShareLink> CreateAsync(CreateShareLinkRequest request, CancellationToken cancellationToken = default);
}
