using System.Buffers;
using System.Text.Json;

namespace CarbonVoice.Sdk.Testing;

internal static class ErrorBodies
{
    public static byte[] Standard(string message)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer, JsonFormat.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteBoolean("success", false);
            writer.WriteString("requestId", Guid.NewGuid());
            writer.WriteString("errmsg", message);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] Validation(string[] messages)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer, JsonFormat.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteNumber("statusCode", 400);
            if (messages.Length == 1)
            {
                writer.WriteString("message", messages[0]);
            }
            else
            {
                writer.WriteStartArray("message");
                foreach (var message in messages)
                {
                    writer.WriteStringValue(message);
                }

                writer.WriteEndArray();
            }

            writer.WriteString("error", "Bad Request");
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] OAuth(string error, string description)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer, JsonFormat.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("error", error);
            writer.WriteString("error_description", description);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
