namespace CarbonVoice.Sdk;

/// <summary>Options of <see cref="IMessagesClient.ListRecentAsync"/> (<c>POST /v3/messages/recent</c>, date-cursor paged).</summary>
public sealed record RecentMessagesOptions
{
    /// <summary>The date to start from (inclusive).</summary>
    public required DateTimeOffset Date { get; init; }

    /// <summary>The direction: <see cref="MessageDirections.Older"/> (the default) or <see cref="MessageDirections.Newer"/>.</summary>
    public string? Direction { get; init; }

    /// <summary>Messages per request, 1–100; 50 when null.</summary>
    public int? PageSize { get; init; }

    /// <summary>
    /// Whether to compare <c>last_updated_at</c> instead of <c>created_at</c>. Reactions and replies bump it, so the same
    /// message can come back on a later poll.
    /// </summary>
    public bool UseLastUpdated { get; init; }

    /// <summary>Only messages of this channel (conversation); all channels when null.</summary>
    public string? ChannelId { get; init; }
}
