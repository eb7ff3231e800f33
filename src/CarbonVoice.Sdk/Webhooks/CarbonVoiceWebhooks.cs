using System.Text.Json;
using CarbonVoice.Sdk.Internal;

namespace CarbonVoice.Sdk;

/// <summary>Parses webhook deliveries into typed events.</summary>
public static partial class CarbonVoiceWebhooks
{
    /// <summary>Parses a delivery body.</summary>
    /// <param name="body">The raw request body (UTF-8 JSON).</param>
    /// <exception cref="CarbonVoiceWebhookPayloadException">The body is not a usable webhook payload; the message says why and <see cref="CarbonVoiceWebhookPayloadException.Field"/> names the field at fault.</exception>
    public static WebhookEvent Parse(ReadOnlySpan<byte> body)
    {
        WebhookEvent? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize(body, CarbonVoiceJsonContext.Default.WebhookEvent);
        }
        catch (JsonException exception)
        {
            var field = FieldOf(exception.Path);
            throw new CarbonVoiceWebhookPayloadException(
                field is null ? $"The webhook body is not valid JSON ({exception.Message})." : $"The webhook field '{field}' is not readable ({exception.Message}).",
                field,
                exception);
        }

        if (parsed is null || (parsed.EventName is null && parsed.Data?.EventName is null))
        {
            throw new CarbonVoiceWebhookPayloadException("The webhook body has no eventName; it is not a Carbon Voice webhook payload.", "eventName");
        }

        return parsed.EventName is null ? parsed with { EventName = parsed.Data!.EventName } : parsed;
    }

    /// <summary>The first segment of a JSON path such as <c>$.subscribedUserIds[0]</c>, or null for the root.</summary>
    private static string? FieldOf(string? path)
    {
        if (path is null || !path.StartsWith("$.", StringComparison.Ordinal))
        {
            return null;
        }

        var rest = path[2..];
        var end = rest.IndexOfAny(['.', '[']);
        return end switch
        {
            0 => null,
            > 0 => rest[..end],
            _ => rest.Length == 0 ? null : rest,
        };
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
