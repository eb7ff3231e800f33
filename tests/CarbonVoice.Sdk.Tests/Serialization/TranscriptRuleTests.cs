using System.Text.Json;
using CarbonVoice.Sdk.Tests.Support;
using RichardSzalay.MockHttp;

namespace CarbonVoice.Sdk.Tests.Serialization;

/// <summary>One transcript rule for every message shape: the text, else the words of the time codes joined by spaces.</summary>
public sealed class TranscriptRuleTests
{
    private static async Task<LegacyMessage> V3(string textModels)
    {
        using var client = Serving($$"""[{"message_id": "m1", "text_models": {{textModels}}}]""");
        return (await client.Messages.ListRecentAsync(new RecentMessagesOptions { Date = DateTimeOffset.UnixEpoch }).AsPages().FirstAsync()).Items[0];
    }

    /// <summary>A client whose every request gets <paramref name="json"/>: the models are read by the SDK's own serializer.</summary>
    private static CarbonVoiceClient Serving(string json)
    {
        var mock = new MockHttpMessageHandler();
        mock.When("*").Respond(Json.MediaType, json);
        return TestClients.Create(mock);
    }

    [Fact]
    public async Task A_voice_message_of_the_real_service_reads_its_words_from_the_timecodes()
    {
        var message = await V3("""[{"type": "transcript_with_timecode", "audio_id": "a1", "language_id": "en", "value": "", "timecodes": [{"t": "We", "s": 0, "e": 1}, {"t": "ship", "s": 1, "e": 2}, {"t": "Friday.", "s": 2, "e": 3}]}]""");

        Assert.Equal("We ship Friday.", message.Transcript);
        Assert.Null(message.AiSummary);
    }

    [Fact]
    public async Task A_text_message_reads_its_value_and_the_summary_model_is_the_ai_summary_not_the_transcript()
    {
        var message = await V3("""[{"type": "summary", "value": "In short: shipping."}, {"type": "transcript", "value": "Shipping on Friday."}]""");

        Assert.Equal("Shipping on Friday.", message.Transcript);
        Assert.Equal("In short: shipping.", message.AiSummary);
    }

    [Fact]
    public async Task A_plain_transcript_wins_over_a_timed_one_and_a_filled_timed_value_is_used_as_is()
    {
        Assert.Equal("plain", (await V3("""[{"type": "transcript_with_timecode", "value": "", "timecodes": [{"t": "timed"}]}, {"type": "transcript", "value": "plain"}]""")).Transcript);
        Assert.Equal("timed value", (await V3("""[{"type": "transcript_with_timecode", "value": "timed value", "timecodes": [{"t": "x"}]}]""")).Transcript);
    }

    [Fact]
    public async Task A_message_with_only_a_summary_or_empty_models_has_no_transcript()
    {
        Assert.Null((await V3("""[{"type": "summary", "value": "s"}]""")).Transcript);
        Assert.Null((await V3("""[{"type": "transcript_with_timecode", "value": "", "timecodes": []}, {"type": "transcript", "value": "  "}]""")).Transcript);
        Assert.Null((await V3("[]")).Transcript);
    }

    [Fact]
    public async Task A_v5_message_with_an_empty_transcript_reads_the_time_codes_and_keeps_the_raw_field()
    {
        using var client = Serving("""{"message": {"id": "m1", "transcript": "", "time_codes": [{"t": "Good", "s": 0, "e": 1}, {"t": "news", "s": 1, "e": 2}]}}""");
        var message = await client.Messages.GetAsync("m1");

        Assert.Equal("Good news", message.Transcript);
        Assert.Equal(string.Empty, message.RawTranscript);
    }

    [Fact]
    public async Task A_timecode_word_sent_as_a_number_is_read_as_its_text()
    {
        using var client = Serving("""{"message": {"id": "m1", "content": {"transcript": "", "time_codes": [{"t": "Room", "s": 0, "e": 1}, {"t": 42, "s": 1, "e": 2}]}}}""");
        var message = await client.Messages.GetV6Async("m1");

        Assert.Equal("Room 42", message.Transcript);
    }

    [Fact]
    public void The_computed_transcript_is_not_written_back_to_json()
    {
        var message = CarbonVoiceModelFactory.MessageV6("m1", "c1", "two words", voice: true);

        using var document = JsonDocument.Parse(JsonSerializer.Serialize(message, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower }));

        Assert.False(document.RootElement.TryGetProperty("transcript", out _));
        Assert.Equal(string.Empty, document.RootElement.GetProperty("content").GetProperty("transcript").GetString());
        Assert.Equal("two words", message.Transcript);
    }
}
