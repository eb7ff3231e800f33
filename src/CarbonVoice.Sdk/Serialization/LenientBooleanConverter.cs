using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CarbonVoice.Sdk.Internal;

/// <summary>Reads a flag the service sends as a boolean, a string (<c>"true"</c>, <c>"false"</c>, <c>"1"</c>, <c>"0"</c>) or a number; writes a boolean.</summary>
internal sealed class LenientBooleanConverter : JsonConverter<bool>
{
    public override bool Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            case JsonTokenType.Number:
                return reader.TryGetInt64(out var number) ? number != 0 : reader.GetDouble() != 0;
            case JsonTokenType.String:
                var text = reader.GetString()!.Trim();
                if (bool.TryParse(text, out var flag))
                {
                    return flag;
                }

                if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
                {
                    return value != 0;
                }

                if (text.Equals("yes", StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }

                if (text.Length == 0 || text.Equals("no", StringComparison.OrdinalIgnoreCase))
                {
                    return false;
                }

                var safe = Redactor.Excerpt(text) ?? string.Empty; // credentials masked before the value reaches a message
                throw new JsonException($"'{(safe.Length <= 40 ? safe : safe[..40] + "…")}' is not a boolean.");
            default:
                throw new JsonException($"Expected a boolean but found {reader.TokenType}.");
        }
    }

    public override void Write(Utf8JsonWriter writer, bool value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteBooleanValue(value);
    }
}
