using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace CarbonVoice.Sdk;

public static partial class CarbonVoiceWebhooks
{
    /// <summary>The resource fields that date a change, in the order they are read.</summary>
    private static readonly string[] TimestampFields = ["last_updated_at", "updated_at", "deleted_at", "created_at", "lastUpdatedAt", "updatedAt", "deletedAt", "createdAt"];

    /// <summary>
    /// A key that identifies a delivery's event, for replay protection: the same event sent again — even re-serialised
    /// with other key order or whitespace — has the same key, another event another key.
    /// </summary>
    /// <remarks>
    /// When the event is identifiable, the key is <c>event:</c> + SHA-256 of its identity: the event name, the resource
    /// type and id, the resource's timestamps (<c>last_updated_at</c>, <c>updated_at</c>, <c>deleted_at</c>,
    /// <c>created_at</c>; ISO strings normalised to UTC, epoch numbers as sent) and the subscribed users. An event
    /// without a resource id or without any of those timestamps (for example <c>access_token.expired</c>) has no
    /// known identity: its key is <c>body:</c> + SHA-256 of the body's canonical JSON (object keys sorted,
    /// insignificant whitespace dropped), so only the same payload counts as the same delivery.
    /// </remarks>
    /// <param name="webhookEvent">The parsed event (<see cref="Parse"/>).</param>
    /// <param name="body">The raw body the event was parsed from.</param>
    /// <returns>The key (at most 70 ASCII characters).</returns>
    /// <exception cref="CarbonVoiceWebhookPayloadException">The body is not valid JSON.</exception>
    public static string GetDeliveryKey(WebhookEvent webhookEvent, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(webhookEvent);
        if (IdentityOf(webhookEvent) is { } identity)
        {
            return "event:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)));
        }

        return "body:" + Convert.ToHexStringLower(SHA256.HashData(CanonicalJson(body)));
    }

    private static string? IdentityOf(WebhookEvent webhookEvent)
    {
        var resource = webhookEvent.Data?.Resource is { ValueKind: JsonValueKind.Object } r ? r : (JsonElement?)null;
        var resourceId = webhookEvent.Data?.ResourceId is { Length: > 0 } id ? id
            : resource is { } o && o.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.String ? idElement.GetString()
            : null;
        if (string.IsNullOrEmpty(webhookEvent.EventName) || string.IsNullOrEmpty(resourceId) || resource is not { } value)
        {
            return null;
        }

        var identity = new StringBuilder()
            .Append(webhookEvent.EventName).Append('\n')
            .Append(webhookEvent.Data?.ResourceType).Append('\n')
            .Append(resourceId).Append('\n');
        var dated = false;
        foreach (var field in TimestampFields)
        {
            if (value.TryGetProperty(field, out var stamp) && Normalise(stamp) is { } text)
            {
                identity.Append(field).Append('=').Append(text).Append('\n');
                dated = true;
            }
        }

        if (!dated)
        {
            return null;
        }

        foreach (var user in webhookEvent.SubscribedUserIds.Order(StringComparer.Ordinal))
        {
            identity.Append("user=").Append(user).Append('\n');
        }

        return identity.ToString();
    }

    private static string? Normalise(JsonElement stamp) => stamp.ValueKind switch
    {
        JsonValueKind.String when DateTimeOffset.TryParse(stamp.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            => time.UtcTicks.ToString(CultureInfo.InvariantCulture),
        JsonValueKind.String => stamp.GetString() is { Length: > 0 } text ? text : null,
        JsonValueKind.Number => stamp.GetRawText(),
        _ => null,
    };

    private static byte[] CanonicalJson(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                WriteCanonical(writer, document.RootElement);
            }

            return buffer.ToArray();
        }
        catch (JsonException exception)
        {
            throw new CarbonVoiceWebhookPayloadException($"The webhook body is not valid JSON ({exception.Message}).", null, exception);
        }
    }

    private static void WriteCanonical(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(property.Name);
                    WriteCanonical(writer, property.Value);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    WriteCanonical(writer, item);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                writer.WriteStringValue(element.GetString());
                break;
            default:
                writer.WriteRawValue(element.GetRawText(), skipInputValidation: true);
                break;
        }
    }
}
