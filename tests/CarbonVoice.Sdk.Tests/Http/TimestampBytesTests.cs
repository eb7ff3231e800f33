using System.Text.Json;
using CarbonVoice.Sdk.Internal;

namespace CarbonVoice.Sdk.Tests.Http;

/// <summary>The timestamp converter reads the common shapes from the UTF-8 bytes; the rarer ones must still read as before.</summary>
public sealed class TimestampBytesTests
{
    [Theory]
    [InlineData("\"2026-02-03T10:46:10.492+01:00\"", 1)]
    [InlineData("\"2026-02-03T04:16:10.492-05:30\"", -5.5)]
    [InlineData("\"2026-02-03T09:46:10.492Z\"", 0)]
    public void An_explicit_offset_is_kept(string json, double offsetHours)
    {
        var created = Read(json);

        Assert.Equal(1770111970492, created.ToUnixTimeMilliseconds());
        Assert.Equal(TimeSpan.FromHours(offsetHours), created.Offset);
    }

    [Theory]
    [InlineData("\"2026-02-03T09:46:10.492\\u005A\"")]
    [InlineData("\"2026-02-03T09:46:10.492z\"")]
    [InlineData("\"2026-02-03 09:46:10.492Z\"")]
    [InlineData("\" 2026-02-03T09:46:10.492Z\"")]
    [InlineData("\"2026-02-03T09:46:10.4920000000Z\"")]
    public void Shapes_off_the_fast_path_still_read(string json)
        => Assert.Equal(1770111970492, Read(json).ToUnixTimeMilliseconds());

    [Theory]
    [InlineData("\"-1000\"", -1_000_000)]
    [InlineData("\" 1770111970 \"", 1770111970000)]
    [InlineData("\"+1770111970\"", 1770111970000)]
    [InlineData("\"1770111970492\"", 1770111970492)]
    [InlineData("\"0\"", 0)]
    public void Epoch_strings_read_as_seconds_or_milliseconds(string json, long expectedUnixMs)
        => Assert.Equal(expectedUnixMs, Read(json).ToUnixTimeMilliseconds());

    [Theory]
    [InlineData("\"2026-02-03T09:46:10.492+01\"")]
    [InlineData("\"17701119x0\"")]
    [InlineData("\"\"")]
    public void Near_misses_are_not_guessed(string json)
    {
        // Either the general parser reads them the way it always did, or they are rejected: never a default value.
        try
        {
            Assert.NotEqual(default, Read(json));
        }
        catch (JsonException)
        {
        }
    }

    [Fact]
    public void A_digit_string_that_is_not_a_whole_number_is_not_taken_as_an_epoch()
        => Assert.Throws<JsonException>(() => Read("\"1770111970x\""));

    private static DateTimeOffset Read(string json)
        => JsonSerializer.Deserialize("""{"id":"w1","created_at":""" + json + "}", CarbonVoiceJsonContext.Default.Workspace)!.CreatedAt!.Value;
}
