using System.Text.Json;
using System.Text.Json.Serialization;

namespace CarbonVoice.Sdk.Internal;

/// <summary>
/// Reads a list of time codes (<c>timecodes</c>, <c>time_codes</c>) into a compact <see cref="TimecodeList"/> when every
/// item fits it, otherwise item by item with <see cref="MessageTimecodeConverter"/> (unknown fields, a word that is a
/// number or an object, null items), so both read the same values. Writes any list of time codes.
/// </summary>
internal sealed class MessageTimecodeListConverter : JsonConverter<IReadOnlyList<MessageTimecode>>
{
    private static readonly MessageTimecodeConverter Item = new();

    public override IReadOnlyList<MessageTimecode>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"Expected an array of time codes but found {reader.TokenType}.");
        }

        // A converter is handed the whole value buffered, so a copy of the reader can rewind it.
        var start = reader;
        if (TimecodeList.TryRead(ref reader) is { } compact)
        {
            return compact;
        }

        reader = start;
        var items = new List<MessageTimecode>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            items.Add(reader.TokenType == JsonTokenType.Null ? null! : Item.Read(ref reader, typeof(MessageTimecode), options)!);
        }

        return items;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<MessageTimecode> value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        if (value is TimecodeList compact)
        {
            compact.Write(writer);
            return;
        }

        writer.WriteStartArray();
        foreach (var code in value)
        {
            if (code is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                Item.Write(writer, code, options);
            }
        }

        writer.WriteEndArray();
    }
}
