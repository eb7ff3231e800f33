using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CarbonVoice.Sdk.Internal;

/// <summary>
/// Reads and writes <see cref="MessageTimecode"/> (<c>{"t": word, "s": start, "e": end}</c>) by hand: a page of messages
/// holds thousands of them, the bulk of its bytes. Reads as the generated metadata would: <c>t</c> as leniently as
/// <see cref="LenientStringConverter"/> does, <c>s</c> and <c>e</c> as numbers or numeric strings, names in any case,
/// other fields kept in <see cref="CarbonVoiceModel.AdditionalProperties"/>.
/// </summary>
internal sealed class MessageTimecodeConverter : JsonConverter<MessageTimecode>
{
    public override MessageTimecode? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"Expected a time code object but found {reader.TokenType}.");
        }

        string? text = null;
        double? start = null;
        double? end = null;
        Dictionary<string, JsonElement>? other = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var known = KnownName(ref reader);
            var name = known == 0 ? reader.GetString()! : null;
            reader.Read();
            switch (known)
            {
                case (byte)'t':
                    text = Text(ref reader);
                    break;
                case (byte)'s':
                    start = Number(ref reader, "s");
                    break;
                case (byte)'e':
                    end = Number(ref reader, "e");
                    break;
                default:
                    other ??= new Dictionary<string, JsonElement>(StringComparer.Ordinal);
                    other[name!] = JsonElement.ParseValue(ref reader);
                    break;
            }
        }

        return new MessageTimecode { Text = text, Start = start, End = end, AdditionalProperties = other };
    }

    /// <summary>The lower-case letter of a one-letter <c>t</c>, <c>s</c> or <c>e</c> name (any case), otherwise 0.</summary>
    internal static byte KnownName(ref Utf8JsonReader reader)
    {
        byte letter;
        if (reader.HasValueSequence || reader.ValueIsEscaped)
        {
            if (reader.GetString() is not { Length: 1 } name || name[0] > 0x7F)
            {
                return 0;
            }

            letter = (byte)(name[0] | 0x20);
        }
        else if (reader.ValueSpan.Length == 1)
        {
            letter = (byte)(reader.ValueSpan[0] | 0x20);
        }
        else
        {
            return 0;
        }

        return letter is (byte)'t' or (byte)'s' or (byte)'e' ? letter : (byte)0;
    }

    /// <summary>The word, as <see cref="LenientStringConverter"/> reads it: a string, a nested value's JSON text, or a scalar's text.</summary>
    private static string? Text(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.StartObject or JsonTokenType.StartArray:
                using (var document = JsonDocument.ParseValue(ref reader))
                {
                    return document.RootElement.GetRawText();
                }

            default:
                return Encoding.UTF8.GetString(reader.ValueSpan);
        }
    }

    /// <summary>A number, or a string holding one (the context reads numbers from strings); null stays null.</summary>
    internal static double? Number(ref Utf8JsonReader reader, string name)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number:
                return reader.GetDouble();
            case JsonTokenType.String when double.TryParse(reader.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value):
                return value;
            default:
                throw new JsonException($"The time code's '{name}' is not a number.");
        }
    }

    public override void Write(Utf8JsonWriter writer, MessageTimecode value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        if (value.Text is not null)
        {
            writer.WriteString("t"u8, value.Text);
        }

        if (value.Start is { } start)
        {
            writer.WriteNumber("s"u8, start);
        }

        if (value.End is { } end)
        {
            writer.WriteNumber("e"u8, end);
        }

        foreach (var (name, element) in value.AdditionalProperties ?? new Dictionary<string, JsonElement>())
        {
            writer.WritePropertyName(name);
            element.WriteTo(writer);
        }

        writer.WriteEndObject();
    }
}
