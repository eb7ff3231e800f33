using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CarbonVoice.Sdk.Internal;

/// <summary>
/// The converter of every <see cref="string"/> the SDK reads (registered on <see cref="CarbonVoiceJsonContext"/>): a
/// string as is, a number or a boolean as its JSON text (<c>12</c> → <c>"12"</c>, <c>true</c> → <c>"true"</c>), as
/// Carbon Voice's own clients read them. An object or an array is still an error, reported with its JSON path, so a
/// changed shape is not silently turned into text (fields whose shape is unconfirmed use <see cref="LenientStringConverter"/>,
/// which keeps such values as raw JSON). Writes strings unchanged.
/// </summary>
internal sealed class ScalarStringConverter : JsonConverter<string>
{
    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.Number:
                return Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan);
            case JsonTokenType.True:
                return "true";
            case JsonTokenType.False:
                return "false";
            default:
                throw new JsonException($"Expected a string, a number or a boolean but found {reader.TokenType}.");
        }
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value);
    }

    /// <summary>Dictionary keys (<c>reaction_counts</c>, extension data) are always strings in JSON: read as they are.</summary>
    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => reader.GetString()!;

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WritePropertyName(value);
    }
}
