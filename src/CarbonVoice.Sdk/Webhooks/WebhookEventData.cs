using System.Text.Json;
using System.Text.Json.Serialization;

namespace CarbonVoice.Sdk;

/// <summary>The <c>data</c> object of a webhook delivery.</summary>
public sealed record WebhookEventData : CarbonVoiceModel
{
    /// <summary>The event name (repeated from the envelope).</summary>
    [JsonPropertyName("eventName")]
    public string? EventName { get; init; }

    /// <summary>The id of the resource the event is about.</summary>
    [JsonPropertyName("resourceId")]
    public string? ResourceId { get; init; }

    /// <summary>The resource type: <c>Message</c>, <c>Channel</c>, <c>ActionItem</c>, <c>Workspace</c>, …</summary>
    [JsonPropertyName("resourceType")]
    public string? ResourceType { get; init; }

    /// <summary>The resource as sent (snake_case fields); read it with <see cref="CarbonVoiceWebhooks.ReadMessage"/> or your own model.</summary>
    [JsonPropertyName("resource")]
    public JsonElement? Resource { get; init; }
}
