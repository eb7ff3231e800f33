using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace CarbonVoice.Sdk.Testing;

/// <summary>Timestamp and writer helpers shared by the JSON writers.</summary>
internal static class JsonFormat
{
    public static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    public static void WriteIso(this Utf8JsonWriter writer, string name, long unixMs)
    {
        Span<char> buffer = stackalloc char[32];
        writer.WriteString(name, buffer[..FormatIso(unixMs, buffer)]);
    }

    public static void WriteIsoOrNull(this Utf8JsonWriter writer, string name, long unixMs)
    {
        if (unixMs == 0)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteIso(name, unixMs);
        }
    }

    public static void WriteEpochOrNull(this Utf8JsonWriter writer, string name, long unixMs)
    {
        if (unixMs == 0)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteNumber(name, unixMs);
        }
    }

    public static void WriteStringOrNull(this Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    public static string Iso(long unixMs)
    {
        Span<char> buffer = stackalloc char[32];
        return new string(buffer[..FormatIso(unixMs, buffer)]);
    }

    private static int FormatIso(long unixMs, Span<char> buffer)
    {
        var dt = DateTime.UnixEpoch.AddMilliseconds(unixMs);
        dt.TryFormat(buffer, out var written, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        return written;
    }

    /// <summary>Parses an ISO date, or epoch seconds / milliseconds (above 10^11 is ms) into unix ms.</summary>
    public static long? ParseTime(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
        {
            return number > 100_000_000_000L ? number : number * 1000;
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
            ? parsed.ToUnixTimeMilliseconds()
            : null;
    }

    public static long? ParseTime(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => ParseTime(element.GetString()),
        JsonValueKind.Number => element.TryGetInt64(out var n) ? (n > 100_000_000_000L ? n : n * 1000) : null,
        _ => null,
    };

    public static string? GetString(this JsonElement element, string name)
        => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static int? GetInt(this JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n))
        {
            return n;
        }

        return value.ValueKind == JsonValueKind.String && int.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out n) ? n : null;
    }

    public static bool GetBool(this JsonElement element, string name)
        => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            && (value.ValueKind == JsonValueKind.True || (value.ValueKind == JsonValueKind.String && value.GetString() == "true"));

    public static List<string>? GetStrings(this JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var list = new List<string>(value.GetArrayLength());
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String)
            {
                list.Add(item.GetString()!);
            }
        }

        return list;
    }
}
