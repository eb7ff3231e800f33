using System.Buffers.Text;
using System.Text.Json;

namespace CarbonVoice.Sdk.Internal;

/// <summary>A row a feed already yielded near the end of a page: its id, version (<c>updated_at</c>) and position on the feed's axis, in UTC ticks.</summary>
internal readonly record struct FeedSeenRow(string Id, long VersionTicks, long PositionTicks)
{
    public string Key => string.Concat(Id, "|", VersionTicks.ToString(System.Globalization.CultureInfo.InvariantCulture));
}

/// <summary>Where a v6 feed stands: the server's opaque cursor and the rows yielded just before it (re-delivered on resume).</summary>
internal sealed record FeedCursorState(string? Cursor, IReadOnlyList<FeedSeenRow> Seen);

/// <summary>
/// The continuation token of a v6 feed: <c>cvf1.</c> + base64url of <c>{"c": cursor, "s": [[id, version, position], ...]}</c>.
/// Any other string is taken as a bare server cursor (for example one stored by other code), with nothing to de-duplicate.
/// </summary>
internal static class FeedCursorToken
{
    private const string Prefix = "cvf1.";

    public static string Encode(string cursor, IReadOnlyCollection<FeedSeenRow> seen)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("c", cursor);
            writer.WriteStartArray("s");
            foreach (var row in seen)
            {
                writer.WriteStartArray();
                writer.WriteStringValue(row.Id);
                writer.WriteNumberValue(row.VersionTicks);
                writer.WriteNumberValue(row.PositionTicks);
                writer.WriteEndArray();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Prefix + Base64Url.EncodeToString(buffer.ToArray());
    }

    /// <exception cref="ArgumentException">The token starts like one of these tokens but cannot be read.</exception>
    public static FeedCursorState Decode(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return new FeedCursorState(null, []);
        }

        if (!token.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return new FeedCursorState(token, []);
        }

        try
        {
            using var document = JsonDocument.Parse(Base64Url.DecodeFromChars(token.AsSpan(Prefix.Length)));
            var root = document.RootElement;
            var cursor = root.GetProperty("c").GetString() ?? throw new FormatException("null cursor");
            var seen = new List<FeedSeenRow>();
            foreach (var row in root.GetProperty("s").EnumerateArray())
            {
                seen.Add(new FeedSeenRow(row[0].GetString() ?? throw new FormatException("null id"), row[1].GetInt64(), row[2].GetInt64()));
            }

            return new FeedCursorState(cursor, seen);
        }
        catch (Exception exception) when (exception is FormatException or JsonException or KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException)
        {
            throw new ArgumentException("The continuation token was not issued by a v6 message feed.", nameof(token), exception);
        }
    }
}
