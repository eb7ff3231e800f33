namespace CarbonVoice.Sdk;

/// <summary>A CarbonLink: a shareable link (web page, QR code or phone number) that lets people leave a voice message.</summary>
public sealed record CarbonLink : CarbonVoiceModel
{
    /// <summary>The link id.</summary>
    public string? Id { get; init; }

    /// <summary>The shareable URL.</summary>
    public string? Link { get; init; }

    /// <summary>The type: <c>website</c>, <c>qr_code</c> or <c>phone</c> (see <see cref="CarbonLinkTypes"/>).</summary>
    public string? Type { get; init; }

    /// <summary>The name.</summary>
    public string? Name { get; init; }

    /// <summary>The workspace the link belongs to.</summary>
    public string? WorkspaceId { get; init; }

    /// <summary>The conversation messages left through the link go to, when one was chosen.</summary>
    public string? ChannelId { get; init; }

    /// <summary>The owner's user id.</summary>
    public string? OwnerId { get; init; }

    /// <summary>When the link was created.</summary>
    public DateTimeOffset? CreatedAt { get; init; }
}
