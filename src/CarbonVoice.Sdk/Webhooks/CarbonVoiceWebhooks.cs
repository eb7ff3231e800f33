using System.Text.Json;
using CarbonVoice.Sdk.Internal;

namespace CarbonVoice.Sdk;

/// <summary>Parses webhook deliveries into typed events.</summary>
public static class CarbonVoiceWebhooks
{
    /// <summary>Parses a delivery body.</summary>
    /// <param name="body">The raw request body (UTF-8 JSON).</param>
    /// <exception cref="CarbonVoiceMalformedResponseException">The body is not a webhook payload; the message says why.</exception>
    public static WebhookEvent Parse(ReadOnlySpan<byte> body)
    {
        WebhookEvent? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize(body, CarbonVoiceJsonContext.Default.WebhookEvent);
        }
        catch (JsonException exception)
        {
            throw new CarbonVoiceMalformedResponseException($"The webhook body is not valid JSON ({exception.Message}).", exception);
        }

        if (parsed is null || (parsed.EventName is null && parsed.Data?.EventName is null))
        {
            throw new CarbonVoiceMalformedResponseException("The webhook body has no eventName; it is not a Carbon Voice webhook payload.");
        }

        return parsed.EventName is null ? parsed with { EventName = parsed.Data!.EventName } : parsed;
    }

    /// <summary>Parses a delivery body from a stream (for example an ASP.NET Core request body).</summary>
    /// <param name="body">The body stream.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public static async Task<WebhookEvent> ParseAsync(Stream body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        using var buffer = new MemoryStream();
        await body.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }

    /// <summary>Reads the resource of a <c>message.*</c> event, or null when the event carries no message.</summary>
    /// <param name="webhookEvent">The event.</param>
    public static WebhookMessage? ReadMessage(WebhookEvent webhookEvent)
    {
        ArgumentNullException.ThrowIfNull(webhookEvent);
        if (webhookEvent.Data?.Resource is not { ValueKind: JsonValueKind.Object } resource
            || !(string.Equals(webhookEvent.Data.ResourceType, "Message", StringComparison.OrdinalIgnoreCase) || webhookEvent.Category == "message"))
        {
            return null;
        }

        try
        {
            return resource.Deserialize(CarbonVoiceJsonContext.Default.WebhookMessage);
        }
        catch (JsonException exception)
        {
            throw new CarbonVoiceMalformedResponseException($"The message resource of webhook '{webhookEvent.EventName}' is not readable ({exception.Message}).", exception);
        }
    }
}
