using System.Text.Json.Serialization;

namespace CarbonVoice.Sdk;

/// <summary>The AI summary of a conversation (<c>GET /channels/{channel_id}/summary</c>).</summary>
public sealed record ConversationSummary : CarbonVoiceModel
{
    /// <summary>The conversation id (<c>channel_guid</c>).</summary>
    [JsonPropertyName("channel_guid")]
    public string? ConversationId { get; init; }

    /// <summary>The summary text.</summary>
    public string? Summary { get; init; }

    /// <summary>The summary's language.</summary>
    public string? Language { get; init; }

    /// <summary>The number of messages summarised.</summary>
    public long? MessageCount { get; init; }

    /// <summary>When the summary was produced.</summary>
    public DateTimeOffset? CreatedAt { get; init; }
}
