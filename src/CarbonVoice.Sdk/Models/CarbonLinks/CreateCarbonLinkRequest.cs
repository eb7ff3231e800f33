namespace CarbonVoice.Sdk;

/// <summary>The body of <c>POST /carbonlink/create</c>.</summary>
public sealed record CreateCarbonLinkRequest
{
    /// <summary>The workspace the link belongs to (required).</summary>
    public required string WorkspaceId { get; init; }

    /// <summary>The link type (required): <c>website</c>, <c>qr_code</c> or <c>phone</c> (see <see cref="CarbonLinkTypes"/>).</summary>
    public required string Type { get; init; }

    /// <summary>A name.</summary>
    public string? Name { get; init; }

    /// <summary>The conversation that receives the messages left through the link.</summary>
    public string? ChannelId { get; init; }
}
