using System.Buffers.Text;
using System.Globalization;
using System.Text.Json;

namespace CarbonVoice.Sdk.Internal;

/// <summary>Where a date-cursor list stands: the inclusive cursor date and the ids already yielded at exactly that date.</summary>
internal sealed record DateCursorState(DateTimeOffset Date, IReadOnlyCollection<string> SeenIds);

/// <summary>
/// Encodes a <see cref="DateCursorState"/> as an opaque continuation token: base64url of <c>{"t": utcTicks, "s": [ids]}</c>.
/// </summary>
internal static class DateCursorToken
{
    public static string Encode(DateCursorState state)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("t", state.Date.UtcTicks);
            writer.WriteStartArray("s");
            foreach (var id in state.SeenIds)
            {
                writer.WriteStringValue(id);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Base64Url.EncodeToString(buffer.ToArray());
    }

    /// <exception cref="ArgumentException">The token was not made by <see cref="Encode"/>.</exception>
    public static DateCursorState Decode(string token)
    {
        try
        {
            using var document = JsonDocument.Parse(Base64Url.DecodeFromChars(token));
            var root = document.RootElement;
            var ticks = root.GetProperty("t").GetInt64();
            var seen = new List<string>();
            if (root.TryGetProperty("s", out var ids))
            {
                foreach (var id in ids.EnumerateArray())
                {
                    seen.Add(id.GetString() ?? throw new FormatException("null id"));
                }
            }

            return new DateCursorState(new DateTimeOffset(ticks, TimeSpan.Zero), seen);
        }
        catch (Exception exception) when (exception is FormatException or JsonException or KeyNotFoundException or InvalidOperationException or ArgumentOutOfRangeException)
        {
            throw new ArgumentException("The continuation token was not issued by this list (expected a date-cursor token).", nameof(token), exception);
        }
    }

    /// <summary>ISO-8601 in UTC with milliseconds (what the service writes), or with 100 ns ticks when the date is finer than that.</summary>
    public static string FormatDate(DateTimeOffset date)
    {
        var utc = date.UtcDateTime;
        var format = utc.Ticks % TimeSpan.TicksPerMillisecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss.fff'Z'" : "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";
        return utc.ToString(format, CultureInfo.InvariantCulture);
    }
}
