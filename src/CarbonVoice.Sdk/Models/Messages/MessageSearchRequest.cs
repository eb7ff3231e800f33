namespace CarbonVoice.Sdk;

/// <summary>A search of <see cref="IMessagesClient.SearchAsync"/> (<c>POST /v3/search</c>).</summary>
public sealed record MessageSearchRequest
{
    /// <summary>The text to search for (required).</summary>
    public required string Query { get; init; }

    /// <summary>Only messages of this workspace.</summary>
    public string? WorkspaceId { get; init; }

    /// <summary>Only messages of this channel (conversation).</summary>
    public string? ChannelId { get; init; }

    /// <summary>Results per request; the service's default (20) when null.</summary>
    public int? PageSize { get; init; }
}
