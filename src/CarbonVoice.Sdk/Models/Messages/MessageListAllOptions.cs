namespace CarbonVoice.Sdk;

/// <summary>Options of <see cref="IMessagesClient.ListAllAsync"/> (message ids, then batched <c>by-ids</c> reads).</summary>
public sealed record MessageListAllOptions
{
    /// <summary>Message ids per <c>GET /v5/conversations/{id}/messages/ids</c> page, 1–1000; the service's default (100) when null. This is also the number of messages held in memory at a time.</summary>
    public int? IdsPageSize { get; init; }

    /// <summary>Ids per <c>POST /v5/messages/by-ids</c> request, 1–500; 500 when null.</summary>
    public int? BatchSize { get; init; }
}
