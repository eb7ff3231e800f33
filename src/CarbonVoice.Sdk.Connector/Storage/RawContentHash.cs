using System.Collections.Frozen;
using System.Text.Json;

namespace CarbonVoice.Sdk.Connector;

/// <summary>
/// The content hash of a raw payload: SHA-256 (lower-case hex) of a canonical form of the JSON with object keys
/// sorted and volatile fields removed at any depth, so that a reaction or a read receipt that only bumps
/// <c>updated_at</c> leaves the hash unchanged. A payload that is not JSON is hashed as text.
/// </summary>
public static class RawContentHash
{
    /// <summary>The fields ignored by default: change timestamps, reactions, read state and expiring URLs.</summary>
    public static FrozenSet<string> DefaultVolatileFields { get; } = new[]
    {
        "updated_at", "last_updated_at", "last_updated_ts", "reaction_summary", "reactions", "users_caught_up",
        "presigned_url", "presigned_url_expiration_date", "last_seen_at", "sort_order",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Computes the hash with <see cref="DefaultVolatileFields"/>.</summary>
    /// <param name="payload">The payload.</param>
    public static string Compute(string payload) => Compute(payload, DefaultVolatileFields);

    /// <summary>Computes the hash, ignoring the given field names.</summary>
    /// <param name="payload">The payload.</param>
    /// <param name="volatileFields">Field names to ignore at any depth.</param>
    public static string Compute(string payload, IReadOnlySet<string> volatileFields)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(volatileFields);
        try
        {
            using var document = JsonDocument.Parse(payload);
            using var hash = new Internal.Sha256Text();
            using (var writer = new Utf8JsonWriter(hash))
            {
                WriteCanonical(document.RootElement, writer, volatileFields);
            }

            return hash.ToHex();
        }
        catch (JsonException)
        {
            using var text = new Internal.Sha256Text();
            return text.Append("text:").Append(payload).ToHex();
        }
    }

    /// <summary>SHA-256 of a text, lower-case hex.</summary>
    /// <param name="text">The text.</param>
    public static string OfText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var hash = new Internal.Sha256Text();
        return hash.Append(text).ToHex();
    }

    private static void WriteCanonical(JsonElement element, Utf8JsonWriter writer, IReadOnlySet<string> volatileFields)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                var properties = element.EnumerateObject()
                    .Where(p => !volatileFields.Contains(p.Name))
                    .OrderBy(p => p.Name, StringComparer.Ordinal);
                foreach (var property in properties)
                {
                    writer.WritePropertyName(property.Name);
                    WriteCanonical(property.Value, writer, volatileFields);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    WriteCanonical(item, writer, volatileFields);
                }

                writer.WriteEndArray();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}
