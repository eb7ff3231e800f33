using System.Text.Json;
using CarbonVoice.Sdk.Internal;

namespace CarbonVoice.Sdk.Tests.Http;

/// <summary>The hand-written time code reader must read every shape the generated metadata read.</summary>
public sealed class TimecodeConverterTests
{
    [Fact]
    public void Reads_word_start_and_end()
    {
        var code = Read("""{"t":"Hello","s":0,"e":420.5}""");

        Assert.Equal("Hello", code.Text);
        Assert.Equal(0, code.Start);
        Assert.Equal(420.5, code.End);
        Assert.Null(code.AdditionalProperties);
    }

    [Theory]
    [InlineData("""{"t":42}""", "42")]
    [InlineData("""{"t":true}""", "true")]
    [InlineData("""{"t":{"a":1}}""", """{"a":1}""")]
    [InlineData("""{"t":[1,2]}""", "[1,2]")]
    [InlineData("""{"t":null}""", null)]
    [InlineData("""{"T":"upper"}""", "upper")]
    [InlineData("""{"\u0074":"escaped"}""", "escaped")]
    public void The_word_is_read_leniently(string json, string? expected)
        => Assert.Equal(expected, Read(json).Text);

    [Theory]
    [InlineData("""{"s":"340","e":"1e3"}""", 340.0, 1000.0)]
    [InlineData("""{"S":1,"E":2}""", 1.0, 2.0)]
    [InlineData("""{"s":null,"e":null}""", null, null)]
    public void Times_are_numbers_or_numeric_strings(string json, double? start, double? end)
    {
        var code = Read(json);

        Assert.Equal(start, code.Start);
        Assert.Equal(end, code.End);
    }

    [Fact]
    public void Unknown_fields_are_kept()
    {
        var code = Read("""{"t":"a","confidence":0.9,"speaker":{"id":"u1"},"tt":"x"}""");

        Assert.NotNull(code.AdditionalProperties);
        Assert.Equal(0.9, code.AdditionalProperties["confidence"].GetDouble());
        Assert.Equal("u1", code.AdditionalProperties["speaker"].GetProperty("id").GetString());
        Assert.Equal("x", code.AdditionalProperties["tt"].GetString());
        Assert.Equal("a", code.Text);
    }

    [Theory]
    [InlineData("""[{"t":"a"}]""")]
    [InlineData("\"a\"")]
    [InlineData("""{"s":"soon"}""")]
    [InlineData("""{"e":true}""")]
    public void Other_shapes_are_rejected(string json)
        => Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(json, CarbonVoiceJsonContext.Default.MessageTimecode));

    [Fact]
    public void Null_is_no_time_code()
        => Assert.Null(JsonSerializer.Deserialize("null", CarbonVoiceJsonContext.Default.MessageTimecode));

    [Fact]
    public void Writes_the_wire_names_and_what_was_kept()
    {
        var code = Read("""{"t":"a","s":1,"e":2.5,"x":[1]}""");

        Assert.Equal("""{"t":"a","s":1,"e":2.5,"x":[1]}""", JsonSerializer.Serialize(code, CarbonVoiceJsonContext.Default.MessageTimecode));
        Assert.Equal("{}", JsonSerializer.Serialize(new MessageTimecode(), CarbonVoiceJsonContext.Default.MessageTimecode));
    }

    [Fact]
    public void Time_codes_inside_a_message_read_through_the_converter()
    {
        var message = JsonSerializer.Deserialize("""{"id":"m1","content":{"time_codes":[{"t":"Hi","s":0,"e":1},{"t":7,"s":"1","e":2,"w":1}]}}""", CarbonVoiceJsonContext.Default.MessageV6)!;

        var codes = message.Content!.TimeCodes!;
        Assert.Equal(["Hi", "7"], codes.Select(c => c.Text));
        Assert.Equal([0.0, 1.0], codes.Select(c => c.Start!.Value));
        Assert.True(codes[1].AdditionalProperties!.ContainsKey("w"));
    }

    private static MessageTimecode Read(string json) => JsonSerializer.Deserialize(json, CarbonVoiceJsonContext.Default.MessageTimecode)!;
}
