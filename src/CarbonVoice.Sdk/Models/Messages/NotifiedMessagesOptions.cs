namespace CarbonVoice.Sdk;

/// <summary>Options of <see cref="IMessagesClient.ListNotifiedAsync"/> (<c>POST /v3/messages/notified</c>).</summary>
public sealed record NotifiedMessagesOptions
{
    /// <summary>Messages per request, 1–100; 50 when null.</summary>
    public int? PageSize { get; init; }

    /// <summary>Only messages of this channel (conversation); all channels when null.</summary>
    public string? ChannelId { get; init; }
}
