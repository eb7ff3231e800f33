using System.Text.Json;
using CarbonVoice.Sdk.Internal;

namespace CarbonVoice.Sdk.Tests.Http;

/// <summary>
/// A message's time codes are read into the compact list when they fit it, item by item otherwise; either way they read
/// the values the item reader reads, compose the same transcript and write the same JSON.
/// </summary>
public sealed class TimecodeListTests
{
    public static TheoryData<string> CompactArrays => new()
    {
        """[]""",
        """[{"t":"Hello","s":0,"e":420.5},{"t":"world.","s":"430","e":"1e3"}]""",
        """[{"t":null,"s":null,"e":null},{},{"T":"Upper","S":1,"E":2}]""",
        """[{"t":"  padded ","s":1},{"t":"","e":2},{"t":"   "},{"t":"caf\u00e9 \ud83d\ude00","s":3,"e":4}]""",
        """[{"e":5,"t":"order","s":4},{"\u0074":"escaped name"}]""",
        """[{"t":"first","t":"last"},{"t":"next"}]""",
        """[{"t":"a b"},{"t":"c"}]""",
        "[" + string.Join(',', Enumerable.Range(0, 300).Select(i => $$"""{"t":"w{{i}}","s":{{i * 10}},"e":{{(i * 10) + 9}}}""")) + "]",
        """[{"t":" """ + new string('x', 5000) + """ ","s":1},{"t":"after","s":2}]""",
    };

    public static TheoryData<string> ItemByItemArrays => new()
    {
        """[{"t":"a","confidence":0.9},{"t":"b"}]""",
        """[{"t":42,"s":1},{"t":"b"}]""",
        """[{"t":{"a":1}},{"t":"b"}]""",
        """[null,{"t":"b"}]""",
        """[{"t":"a","s":"NaN"}]""",
    };

    [Theory]
    [MemberData(nameof(CompactArrays))]
    public void Time_codes_that_fit_are_read_compactly_with_the_item_readers_values(string array)
    {
        var codes = TimeCodes(array);

        Assert.IsType<TimecodeList>(codes);
        AssertSameAsItemReader(array, codes);
    }

    [Theory]
    [MemberData(nameof(ItemByItemArrays))]
    public void Other_time_codes_are_read_item_by_item(string array)
    {
        var codes = TimeCodes(array);

        Assert.IsNotType<TimecodeList>(codes);
        AssertSameAsItemReader(array, codes);
    }

    [Theory]
    [MemberData(nameof(CompactArrays))]
    [MemberData(nameof(ItemByItemArrays))]
    public void The_transcript_is_the_words_joined_as_from_a_list_of_objects(string array)
        => Assert.Equal(TranscriptText.Compose(null, ItemReader(array)), Message(array).Transcript);

    [Theory]
    [MemberData(nameof(CompactArrays))]
    public void A_compact_list_writes_what_the_items_write(string array)
    {
        var compact = Message(array);
        var objects = compact with { Content = compact.Content! with { TimeCodes = [.. compact.Content.TimeCodes!] } };

        Assert.IsType<TimecodeList>(compact.Content.TimeCodes);
        Assert.Equal(Serialize(objects), Serialize(compact));
    }

    [Fact]
    public void Words_without_edge_whitespace_are_joined_as_read()
    {
        var codes = (TimecodeList)TimeCodes("""[{"t":"Hello","s":0},{"t":"there,","s":1},{"t":"world."}]""");

        Assert.Equal("Hello there, world.", codes.JoinWords());
        Assert.Same(codes.JoinWords(), codes.JoinWords());
    }

    [Fact]
    public void Items_are_built_on_each_read_and_compare_by_value()
    {
        var codes = TimeCodes("""[{"t":"a","s":1,"e":2},{"t":"b"}]""");

        Assert.Equal(codes[0], codes[0]);
        Assert.NotSame(codes[0], codes[0]);
        Assert.Equal(new MessageTimecode { Text = "b" }, codes[1]);
        Assert.Equal(2, codes.Count);
        Assert.Throws<IndexOutOfRangeException>(() => codes[2]);
    }

    [Theory]
    [InlineData("""{"t":"a"}""")]
    [InlineData("\"words\"")]
    [InlineData("""[{"t":"a","s":"soon"}]""")]
    [InlineData("""[{"t":"a","e":true}]""")]
    [InlineData("""["a"]""")]
    public void Other_shapes_are_rejected(string timeCodes)
        => Assert.Throws<JsonException>(() => TimeCodes(timeCodes));

    [Fact]
    public void Null_is_no_list()
        => Assert.Null(Message("null").Content!.TimeCodes);

    [Fact]
    public void Legacy_messages_read_their_timecodes_compactly()
    {
        var message = JsonSerializer.Deserialize("""{"message_id":"m1","text_models":[{"type":"transcript_with_timecode","value":"","timecodes":[{"t":"Hi","s":0,"e":1},{"t":"there","s":1,"e":2}]}]}""", CarbonVoiceJsonContext.Default.LegacyMessage)!;

        Assert.IsType<TimecodeList>(message.TextModels![0].Timecodes);
        Assert.Equal("Hi there", message.Transcript);
    }

    private static void AssertSameAsItemReader(string array, IReadOnlyList<MessageTimecode> codes)
        => Assert.Equal(ItemReader(array).Select(Values), codes.Select(Values));

    private static (string? Text, double? Start, double? End, int? Other)? Values(MessageTimecode? code)
        => code is null ? null : (code.Text, code.Start, code.End, code.AdditionalProperties?.Count);

    /// <summary>Each item read on its own by the time code reader, as the generated list reader did.</summary>
    private static List<MessageTimecode> ItemReader(string array)
    {
        using var document = JsonDocument.Parse(array);
        return [.. document.RootElement.EnumerateArray().Select(item => item.Deserialize(CarbonVoiceJsonContext.Default.MessageTimecode)!)];
    }

    private static IReadOnlyList<MessageTimecode> TimeCodes(string array) => Message(array).Content!.TimeCodes!;

    private static MessageV6 Message(string timeCodes)
        => JsonSerializer.Deserialize("""{"id":"m1","content":{"transcript":"","time_codes":""" + timeCodes + "}}", CarbonVoiceJsonContext.Default.MessageV6)!;

    private static string Serialize(MessageV6 message) => JsonSerializer.Serialize(message, CarbonVoiceJsonContext.Default.MessageV6);
}
