namespace CarbonVoice.Sdk;

/// <summary>The body of <c>POST /message-sharelinks</c> (confirmed): a new share link to a message.</summary>
public sealed record CreateShareLinkRequest
{
    /// <summary>The message to share (required).</summary>
    public required string SharedMessageId { get; init; }

    /// <summary>The share type; <see cref="ShareLinkTypes.Link"/> by default.</summary>
    public string ShareType { get; init; } = ShareLinkTypes.Link;

    /// <summary><see cref="ShareLinkAccessTypes.Public"/> (the default) or <see cref="ShareLinkAccessTypes.Specified"/>.</summary>
    public string AccessType { get; init; } = ShareLinkAccessTypes.Public;

    /// <summary>When access ends; never by default.</summary>
    public DateTimeOffset? EndAccessAt { get; init; }

    /// <summary>Who may open a <c>specified</c> link (required then, at least one entry).</summary>
    public IReadOnlyList<ShareLinkAccess>? SpecifiedAccess { get; init; }
}
