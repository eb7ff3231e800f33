using System.Text.Json.Serialization;

namespace CarbonVoice.Sdk;

/// <summary>A webhook delivery from Carbon Voice (<c>{eventName, subscribedUserIds, data: {...}}</c>).</summary>
public sealed record WebhookEvent : CarbonVoiceModel
{
    /// <summary>The event, for example <c>message.finished</c> or <c>refresh_token.expired</c>.</summary>
    [JsonPropertyName("eventName")]
    public string? EventName { get; init; }

    private readonly IReadOnlyList<string> _subscribedUserIds = [];

    /// <summary>The Carbon Voice users the event was delivered for; empty (never null) when the delivery names none. Null and empty ids are dropped.</summary>
    [JsonPropertyName("subscribedUserIds")]
    public IReadOnlyList<string> SubscribedUserIds
    {
        get => _subscribedUserIds;
        init => _subscribedUserIds = value is null ? [] : [.. value.Where(id => !string.IsNullOrEmpty(id))];
    }

    /// <summary>Per-user settings of the subscribers, when sent.</summary>
    [JsonPropertyName("subscribedUserSettings")]
    public IReadOnlyList<WebhookUserSettings>? SubscribedUserSettings { get; init; }

    /// <summary>What happened to which resource.</summary>
    [JsonPropertyName("data")]
    public WebhookEventData? Data { get; init; }

    /// <summary>The event category before the first dot (<c>message</c>, <c>channel</c>, <c>action-item</c>, <c>access_token</c>, …).</summary>
    [JsonIgnore]
    public string Category => (EventName ?? Data?.EventName ?? string.Empty).Split('.', 2)[0];
}
