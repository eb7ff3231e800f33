using System.Text.Json;

namespace CarbonVoice.Sdk.Testing;

/// <summary>The v5 cursor envelope <c>{"results": [...], "has_more", "next_cursor", "total"}</c>.</summary>
internal static class Envelope
{
    public static void Start(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteStartArray("results");
    }

    public static void End(Utf8JsonWriter w, bool hasMore, string? nextCursor, long? total)
    {
        w.WriteEndArray();
        w.WriteBoolean("has_more", hasMore);
        w.WriteStringOrNull("next_cursor", hasMore ? nextCursor : null);
        if (total is { } t)
        {
            w.WriteNumber("total", t);
        }
        else
        {
            w.WriteNull("total");
        }

        w.WriteEndObject();
    }
}
