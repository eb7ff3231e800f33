namespace CarbonVoice.Sdk;

/// <summary>Options of <see cref="IMessagesClient.ListByChannelAsync"/> (<c>GET /v3/messages/{channel_id}/by-id</c>, date-cursor paged).</summary>
public sealed record DateCursorOptions
{
    /// <summary>The date to start from (inclusive); null starts from the newest message (<c>older</c>) or lets the service choose.</summary>
    public DateTimeOffset? Date { get; init; }

    /// <summary>The direction: <see cref="MessageDirections.Older"/> (the default) or <see cref="MessageDirections.Newer"/>.</summary>
    public string? Direction { get; init; }

    /// <summary>Messages per request, 1–500; 50 when null.</summary>
    public int? PageSize { get; init; }
}
