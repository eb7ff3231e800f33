using System.Text.Json;
using System.Text.Json.Serialization;

namespace CarbonVoice.Sdk.Internal;

/// <summary>One item of <c>GET /v5/conversations/{id}/messages/ids</c>: a bare id string or an object holding the id.</summary>
[JsonConverter(typeof(MessageIdEntryConverter))]
internal sealed record MessageIdEntry(string? Id);

/// <summary>Reads a <see cref="MessageIdEntry"/> from a string, a number or an object with <c>id</c>, <c>message_id</c> or <c>_id</c>.</summary>
internal sealed class MessageIdEntryConverter : JsonConverter<MessageIdEntry>
{
    public override MessageIdEntry Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return new MessageIdEntry(reader.GetString());
            case JsonTokenType.Number:
                return new MessageIdEntry(System.Text.Encoding.UTF8.GetString(reader.ValueSpan));
            case JsonTokenType.StartObject:
                using (var document = JsonDocument.ParseValue(ref reader))
                {
                    foreach (var name in (ReadOnlySpan<string>)["id", "message_id", "messageId", "_id"])
                    {
                        if (document.RootElement.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.String or JsonValueKind.Number)
                        {
                            return new MessageIdEntry(value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText());
                        }
                    }

                    return new MessageIdEntry(null);
                }

            default:
                throw new JsonException($"Expected a message id (a string or an object with an id) but found {reader.TokenType}.");
        }
    }

    public override void Write(Utf8JsonWriter writer, MessageIdEntry value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStringValue(value.Id);
    }
}
