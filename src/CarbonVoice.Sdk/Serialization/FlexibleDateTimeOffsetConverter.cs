using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CarbonVoice.Sdk.Internal;

/// <summary>
/// Reads a timestamp written as an ISO-8601 string, as epoch seconds or as epoch milliseconds (a number, or a
/// string of digits); a number above 10^11 is taken as milliseconds. Writes ISO-8601.
/// </summary>
internal sealed class FlexibleDateTimeOffsetConverter : JsonConverter<DateTimeOffset>
{
    private const long MillisecondsThreshold = 100_000_000_000;

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                if (reader.TryGetInt64(out var whole))
                {
                    return FromEpoch(whole);
                }

                return FromEpoch((long)reader.GetDouble());
            case JsonTokenType.String:
                if (TryReadFast(ref reader, out var fast))
                {
                    return fast;
                }

                var text = reader.GetString()!;
                if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var epoch))
                {
                    return FromEpoch(epoch);
                }

                // A timestamp without an offset is UTC, never the machine's local time.
                if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
                {
                    return parsed;
                }

                throw new JsonException($"'{Truncate(text)}' is not a timestamp (expected ISO-8601 or epoch seconds/milliseconds).");
            default:
                throw new JsonException($"Expected a timestamp but found {reader.TokenType}.");
        }
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Span<byte> buffer = stackalloc byte[40];
        if (Utf8Formatter.TryFormat(value.UtcDateTime, buffer, out var written, new StandardFormat('O')))
        {
            writer.WriteStringValue(buffer[..written]);
        }
        else
        {
            writer.WriteStringValue(value.ToString("O", CultureInfo.InvariantCulture));
        }
    }

    /// <summary>
    /// Reads the common shapes straight from the UTF-8 bytes, without a string: epoch digits, and ISO-8601 with
    /// <c>Z</c> or an explicit offset (an ISO timestamp without one is left to the slow path, which takes it as UTC).
    /// </summary>
    private static bool TryReadFast(ref Utf8JsonReader reader, out DateTimeOffset value)
    {
        value = default;
        if (reader.HasValueSequence || reader.ValueIsEscaped)
        {
            return false;
        }

        var span = reader.ValueSpan;
        if (span.IsEmpty)
        {
            return false;
        }

        if (IsAsciiDigit(span[0]))
        {
            if (Utf8Parser.TryParse(span, out long epoch, out var consumed) && consumed == span.Length)
            {
                value = FromEpoch(epoch);
                return true;
            }

            return HasOffset(span) && reader.TryGetDateTimeOffset(out value);
        }

        return false;
    }

    /// <summary>An ISO-8601 date and time that ends in <c>Z</c> or <c>±hh:mm</c>.</summary>
    private static bool HasOffset(ReadOnlySpan<byte> span)
        => span.Length > 19 && span[10] == (byte)'T'
            && (span[^1] is (byte)'Z' or (byte)'z' || (span.Length > 25 && span[^6] is (byte)'+' or (byte)'-' && span[^3] == (byte)':'));

    private static bool IsAsciiDigit(byte value) => value is >= (byte)'0' and <= (byte)'9';

    internal static DateTimeOffset FromEpoch(long value)
        => Math.Abs(value) >= MillisecondsThreshold
            ? DateTimeOffset.FromUnixTimeMilliseconds(value)
            : DateTimeOffset.FromUnixTimeSeconds(value);

    /// <summary>At most 40 characters of the value, credentials masked first (the message may reach a log).</summary>
    private static string Truncate(string text)
    {
        var safe = Redactor.Excerpt(text) ?? string.Empty;
        return safe.Length <= 40 ? safe : safe[..40] + "…";
    }
}
