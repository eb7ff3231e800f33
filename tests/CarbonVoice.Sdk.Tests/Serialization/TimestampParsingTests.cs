using System.Text.Json;
using CarbonVoice.Sdk.Internal;

namespace CarbonVoice.Sdk.Tests.Serialization;

public class TimestampParsingTests
{
    [Theory]
    [InlineData("\"2026-02-03T09:46:10.492Z\"", 1770111970492)]
    [InlineData("\"2026-02-03T10:46:10.492+01:00\"", 1770111970492)]
    [InlineData("\"2026-02-03T09:46:10.492\"", 1770111970492)]
    [InlineData("1770111970", 1770111970000)]
    [InlineData("1770111970492", 1770111970492)]
    [InlineData("\"1770111970492\"", 1770111970492)]
    [InlineData("1770111970.9", 1770111970000)]
    public void Accepts_iso_strings_and_epoch_seconds_or_milliseconds(string json, long expectedUnixMs)
    {
        var workspace = JsonSerializer.Deserialize("""{"id":"w1","created_at":""" + json + "}", CarbonVoiceJsonContext.Default.Workspace)!;

        Assert.Equal(expectedUnixMs, workspace.CreatedAt!.Value.ToUnixTimeMilliseconds());
    }

    [Fact]
    public void A_date_without_offset_is_utc_whatever_the_machine_time_zone()
    {
        var workspace = JsonSerializer.Deserialize("""{"id":"w1","created_at":"2026-03-15"}""", CarbonVoiceJsonContext.Default.Workspace)!;

        Assert.Equal(new DateTimeOffset(2026, 3, 15, 0, 0, 0, TimeSpan.Zero), workspace.CreatedAt);
        Assert.Equal(TimeSpan.Zero, workspace.CreatedAt!.Value.Offset);
    }

    [Theory]
    [InlineData("\"yesterday\"")]
    [InlineData("true")]
    [InlineData("{}")]
    public void Rejects_what_is_not_a_timestamp(string json)
        => Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("""{"id":"w1","created_at":""" + json + "}", CarbonVoiceJsonContext.Default.Workspace));

    [Fact]
    public void Null_stays_null()
    {
        var workspace = JsonSerializer.Deserialize("""{"id":"w1","created_at":null}""", CarbonVoiceJsonContext.Default.Workspace)!;

        Assert.Null(workspace.CreatedAt);
    }

    [Fact]
    public void Writes_iso_8601_utc()
    {
        var json = JsonSerializer.Serialize(new Workspace { Id = "w1", CreatedAt = new DateTimeOffset(2026, 2, 3, 10, 46, 10, 492, TimeSpan.FromHours(1)) }, CarbonVoiceJsonContext.Default.Workspace);

        Assert.Contains("\"created_at\":\"2026-02-03T09:46:10.4920000Z\"", json, StringComparison.Ordinal);
    }
}
