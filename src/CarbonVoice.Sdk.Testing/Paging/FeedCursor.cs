using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;

namespace CarbonVoice.Sdk.Testing;

/// <summary>
/// An opaque v6 feed cursor: base64url JSON of the walk it continues (feed, direction, conversation filter), its keyset
/// position and the generation it was issued in (<see cref="EmulatorControl.InvalidateCursors"/> starts a new one).
/// </summary>
internal sealed record FeedCursor(int Generation, FeedKey Feed, bool Newer, string? ConversationId, FeedPosition Position)
{
    public string Encode()
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteNumber("g", Generation);
            w.WriteString("f", Feed == FeedKey.Created ? "messages" : "updates");
            w.WriteString("d", Newer ? "newer" : "older");
            if (ConversationId is not null)
            {
                w.WriteString("c", ConversationId);
            }

            w.WriteNumber("k", Position.KeyMs);
            if (Position.Id is not null)
            {
                w.WriteString("i", Position.Id);
            }

            w.WriteEndObject();
        }

        return Base64Url.EncodeToString(buffer.WrittenSpan);
    }

    /// <summary>Reads a cursor; null when it is not one this emulator wrote.</summary>
    public static FeedCursor? Decode(string text)
    {
        byte[] json;
        try
        {
            json = Base64Url.DecodeFromChars(text);
        }
        catch (FormatException)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("g", out var generation) || generation.ValueKind != JsonValueKind.Number || !generation.TryGetInt32(out var g)
                || !root.TryGetProperty("k", out var key) || key.ValueKind != JsonValueKind.Number || !key.TryGetInt64(out var k))
            {
                return null;
            }

            FeedKey? feed = root.GetString("f") switch { "messages" => FeedKey.Created, "updates" => FeedKey.Updated, _ => null };
            bool? newer = root.GetString("d") switch { "newer" => true, "older" => false, _ => null };
            return feed is null || newer is null ? null : new FeedCursor(g, feed.Value, newer.Value, root.GetString("c"), new FeedPosition(k, root.GetString("i")));
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
