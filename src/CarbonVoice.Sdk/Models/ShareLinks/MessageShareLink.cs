using System.Text.Json.Serialization;

namespace CarbonVoice.Sdk;

/// <summary>
/// A message share link: a public or restricted link to a message, or the record behind a forwarded message (a message
/// whose <c>share_link_id</c> is set carries only the forwarder's comment; the original is <see cref="SharedMessage"/>).
/// <c>GET /v6/message-sharelinks/{id}</c> (confirmed) returns it with the shared message in the v6 shape.
/// </summary>
public sealed record MessageShareLink : CarbonVoiceModel
{
    /// <summary>The share link id (<c>id</c>; <c>_id</c> is read too, as <c>POST /message-sharelinks</c> answers).</summary>
    public string Id { get; init; } = string.Empty;

    /// <summary>The share type: <c>link</c> or <c>forward</c> (see <see cref="ShareLinkTypes"/>).</summary>
    public string? ShareType { get; init; }

    /// <summary>Who may open it: <c>public</c>, <c>specified</c> or <c>forward</c> (see <see cref="ShareLinkAccessTypes"/>).</summary>
    public string? AccessType { get; init; }

    /// <summary>The user who created the link (for a forward, the forwarder).</summary>
    public string? CreatedBy { get; init; }

    /// <summary>When the link was created.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>When access through the link ends, if it does.</summary>
    public DateTimeOffset? EndAccessAt { get; init; }

    /// <summary>When the link was revoked, if it was (the service then answers 403).</summary>
    public DateTimeOffset? RevokedAt { get; init; }

    /// <summary>Whether the caller can also read the shared message's conversation.</summary>
    public bool? HasChannelAccess { get; init; }

    /// <summary>The id of the shared message.</summary>
    public string? SharedMessageId { get; init; }

    /// <summary>For a forward, the id of the message that carries this link as its <c>share_link_id</c>.</summary>
    public string? MessageId { get; init; }

    /// <summary>The users, channels or workspaces a <c>specified</c> link is restricted to.</summary>
    public IReadOnlyList<ShareLinkAccess>? SpecifiedAccess { get; init; }

    /// <summary>The shared (original) message, in the v6 shape.</summary>
    public MessageV6? SharedMessage { get; init; }

    /// <summary>Whether the link no longer gives access: revoked, or past <see cref="EndAccessAt"/> at <paramref name="now"/>.</summary>
    /// <param name="now">The current time.</param>
    public bool IsExpiredAt(DateTimeOffset now) => RevokedAt is not null || (EndAccessAt is { } end && end <= now);

    // The older routes name the id `_id`: read only, never written, and it never overrides `id`.
    [JsonInclude]
    [JsonPropertyName("_id")]
    internal string? LegacyIdAlias
    {
        get => null;
        init
        {
            if (string.IsNullOrEmpty(Id) && value is not null)
            {
                Id = value;
            }
        }
    }
}
