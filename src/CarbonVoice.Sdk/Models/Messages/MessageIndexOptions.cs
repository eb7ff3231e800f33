namespace CarbonVoice.Sdk;

/// <summary>Options of <see cref="IMessagesClient.ListIndexAsync"/> (<c>GET /messages/{channel_id}/index</c>).</summary>
public sealed record MessageIndexOptions
{
    /// <summary>The most rows to return (<c>limit</c>), at least 1; the service's default when null.</summary>
    public int? Limit { get; init; }

    /// <summary>
    /// <see cref="MessageDirections.Older"/> (the default: the channel's latest messages, newest first) or
    /// <see cref="MessageDirections.Newer"/> (its first messages, oldest first).
    /// </summary>
    public string? Direction { get; init; }
}
