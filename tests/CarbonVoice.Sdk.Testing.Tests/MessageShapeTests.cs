using System.Text.Json;

namespace CarbonVoice.Sdk.Testing.Tests;

/// <summary>MessageV6, MessageV3 and MessageV5 as the contract writes them.</summary>
public sealed class MessageShapeTests : IAsyncLifetime
{
    private CarbonVoiceEmulator _emulator = null!;
    private HttpClient _client = null!;
    private Dictionary<string, EmulatorMessage> _messages = null!;

    public Task InitializeAsync()
    {
        (_emulator, _) = Emu.Create(o => o.MessagesPerConversation = 120);
        _client = Emu.UserClient(_emulator);
        var user = _emulator.Data.Users[0].Id;
        _messages = _emulator.Data.WorkspacesOf(user).SelectMany(w => _emulator.Data.ConversationsIn(w.Id)).SelectMany(c => _emulator.Data.MessagesIn(c.Id)).ToDictionary(m => m.Id);
        Assert.Contains(_messages.Values, m => m.HasAiSummary);
        Assert.All(_messages.Values.Where(m => WordCount(m) is < 150 or > 250), m => Assert.Equal(WordCount(m) > 250, m.HasAiSummary));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _emulator.DisposeAsync();
    }

    private static int WordCount(EmulatorMessage message) => message.Transcript.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    private static string Join(JsonElement timeCodes) => string.Join(" ", timeCodes.EnumerateArray().Select(t => t.GetProperty("t").GetString()));

    private static void AssertNoNulls(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Null:
                Assert.Fail($"null at {path}");
                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    AssertNoNulls(property.Value, $"{path}.{property.Name}");
                }

                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    AssertNoNulls(item, $"{path}[{i++}]");
                }

                break;
        }
    }

    private static void AssertTimeCodes(JsonElement timeCodes, string transcript)
    {
        Assert.Equal(transcript, Join(timeCodes));
        long previousEnd = -1;
        foreach (var code in timeCodes.EnumerateArray())
        {
            var start = code.GetProperty("s").GetInt64();
            var end = code.GetProperty("e").GetInt64();
            Assert.True(start > previousEnd && end > start, code.ToString());
            previousEnd = end;
        }
    }

    private async Task<List<JsonElement>> AllV6()
        => (await Feeds.Walk(_client, Feeds.History, "limit=200")).SelectMany(p => p.Rows).ToList();

    [Fact]
    public async Task Message_v6_drops_nulls_has_no_name_and_a_thread_id()
    {
        var rows = await AllV6();
        Assert.Equal(_messages.Count, rows.Count);
        foreach (var row in rows)
        {
            var id = row.GetProperty("id").GetString()!;
            var expected = _messages[id];
            AssertNoNulls(row, id);
            Assert.False(row.TryGetProperty("name", out _));
            foreach (var name in new[] { "id", "type", "kind", "created_at", "updated_at", "conversation_id", "workspace_id", "creator_id", "status", "thread_id", "link" })
            {
                Assert.True(row.TryGetProperty(name, out _), $"{id} misses {name}");
            }

            Assert.Equal(expected.ParentMessageId ?? id, row.GetProperty("thread_id").GetString());
            Assert.Equal(expected.Kind, row.GetProperty("kind").GetString());
            Assert.Equal("active", row.GetProperty("status").GetString());
            Assert.False(row.TryGetProperty("deleted_at", out _));
            Assert.Equal(expected.HasAttachment, row.TryGetProperty("attachments", out _));
        }

        Assert.Contains(rows, r => r.GetProperty("thread_id").GetString() != r.GetProperty("id").GetString());
    }

    [Fact]
    public async Task V6_content_of_audio_text_and_attachment_messages()
    {
        var rows = await AllV6();
        var audio = 0;
        var emptyTranscripts = 0;
        foreach (var row in rows)
        {
            var expected = _messages[row.GetProperty("id").GetString()!];
            if (expected.Kind == "attachment")
            {
                Assert.False(row.TryGetProperty("content", out _));
                continue;
            }

            var content = row.GetProperty("content");
            Assert.Equal(expected.Language, content.GetProperty("language").GetString());
            Assert.True(content.GetProperty("is_original_language").GetBoolean());
            Assert.Equal(expected.HasAiSummary, content.TryGetProperty("ai_summary", out _));
            Assert.False(content.TryGetProperty("presigned_url", out _));
            var transcript = content.GetProperty("transcript").GetString();
            if (expected.Kind == "text")
            {
                Assert.Equal(expected.Transcript, transcript);
                Assert.False(content.TryGetProperty("time_codes", out _));
                Assert.False(content.TryGetProperty("url", out _));
                continue;
            }

            audio++;
            AssertTimeCodes(content.GetProperty("time_codes"), expected.Transcript);
            Assert.Equal(expected.TranscriptOnlyInTimeCodes ? string.Empty : expected.Transcript, transcript);
            emptyTranscripts += transcript!.Length == 0 ? 1 : 0;
            Assert.Equal(expected.DurationMs, content.GetProperty("duration_ms").GetInt32());
            Assert.StartsWith("http://carbonvoice.emulator/", content.GetProperty("url").GetString());
            Assert.True(content.TryGetProperty("streaming_url", out _));
            var waveform = content.GetProperty("waveform_percentage").GetString()!;
            Assert.Equal(24, waveform.Length);
            Assert.All(waveform, c => Assert.True(char.IsAsciiDigit(c) || c is >= 'a' and <= 'z', waveform));
        }

        Assert.True(audio > 100, $"{audio} audio messages");
        Assert.InRange(emptyTranscripts, audio * 3 / 10, audio * 7 / 10);
        Assert.Contains(rows, r => _messages[r.GetProperty("id").GetString()!].Kind == "text");
        Assert.Contains(rows, r => _messages[r.GetProperty("id").GetString()!].Kind == "attachment");
    }

    [Fact]
    public async Task Presigned_url_only_when_asked()
    {
        var message = _messages.Values.First(m => m.Kind == "audio");
        var (_, plain) = await Emu.GetJson(_client, $"/v6/messages/{message.Id}");
        Assert.False(plain.GetProperty("message").GetProperty("content").TryGetProperty("presigned_url", out _));
        var (_, signed) = await Emu.GetJson(_client, $"/v6/messages/{message.Id}?presigned_url=true");
        Assert.Contains("X-Expires", signed.GetProperty("message").GetProperty("content").GetProperty("presigned_url").GetString());
        var page = await Feeds.Get(_client, Feeds.History, $"conversation_id={message.ConversationId}&presigned_url=true&limit=200");
        Assert.All(page.Rows.Where(r => r.GetProperty("kind").GetString() == "audio"), r => Assert.True(r.GetProperty("content").TryGetProperty("presigned_url", out _)));
    }

    [Fact]
    public async Task V6_reaction_summary_has_top_user_emojis_and_is_absent_without_reactions()
    {
        var rows = await AllV6();
        var reacted = rows.First(r => _messages[r.GetProperty("id").GetString()!].ReactionCount > 1);
        var summary = reacted.GetProperty("reaction_summary");
        var expected = _messages[reacted.GetProperty("id").GetString()!];
        Assert.Equal(expected.ReactionCount, summary.GetProperty("reaction_counts").EnumerateObject().Sum(p => p.Value.GetInt32()));
        Assert.True(summary.GetProperty("top_user_reactions")[0].TryGetProperty("reaction_id", out _));
        var emojis = summary.GetProperty("top_user_emojis").EnumerateArray().ToList();
        Assert.Equal(expected.ReactionCount, emojis.Sum(e => e.GetProperty("count").GetInt32()));
        Assert.All(emojis, e =>
        {
            Assert.False(string.IsNullOrEmpty(e.GetProperty("reaction").GetString()));
            Assert.InRange(e.GetProperty("user_ids").GetArrayLength(), 1, e.GetProperty("count").GetInt32());
        });
        Assert.DoesNotContain(rows, r => _messages[r.GetProperty("id").GetString()!].ReactionCount == 0 && r.TryGetProperty("reaction_summary", out _));
    }

    [Fact]
    public async Task V6_by_id_is_wrapped_by_ids_is_bare_and_a_deleted_message_is_a_tombstone()
    {
        var conversation = _messages.Values.First().ConversationId;
        var inConversation = _messages.Values.Where(m => m.ConversationId == conversation).ToList();
        var (status, wrapped) = await Emu.GetJson(_client, $"/v6/messages/{inConversation[0].Id}");
        Assert.Equal(200, status);
        Assert.Equal(inConversation[0].Id, wrapped.GetProperty("message").GetProperty("id").GetString());
        Assert.Equal(404, (await Emu.GetJson(_client, "/v6/messages/nope")).Status);

        var other = _messages.Values.First(m => m.ConversationId != conversation).Id;
        var ids = string.Join(",", inConversation.Take(3).Select(m => $"\"{m.Id}\"").Append($"\"{other}\"").Append("\"unknown\""));
        var (ok, bare) = await Emu.PostJson(_client, "/v6/messages/by-ids", $$"""{"conversation_id": "{{conversation}}", "message_ids": [{{ids}}]}""");
        Assert.Equal(200, ok);
        Assert.Equal(inConversation.Take(3).Select(m => m.Id), bare.EnumerateArray().Select(m => m.GetProperty("id").GetString()));
        var (missing, nest) = await Emu.PostJson(_client, "/v6/messages/by-ids", $$"""{"message_ids": [{{ids}}]}""");
        Feeds.AssertValidationError(missing, nest, "conversation_id should not be empty");
        var (empty, emptyBody) = await Emu.PostJson(_client, "/v6/messages/by-ids", $$"""{"conversation_id": "{{conversation}}", "message_ids": []}""");
        Feeds.AssertValidationError(empty, emptyBody, "message_ids should not be empty");

        var victim = inConversation.First(m => m.HasAttachment || m.ReactionCount > 0);
        _emulator.Control.DeleteMessage(victim.Id);
        var tombstone = (await Emu.GetJson(_client, $"/v6/messages/{victim.Id}")).Body.GetProperty("message");
        AssertNoNulls(tombstone, victim.Id);
        Assert.Equal("deleted", tombstone.GetProperty("status").GetString());
        Assert.True(DateTimeOffset.TryParse(tombstone.GetProperty("deleted_at").GetString(), System.Globalization.CultureInfo.InvariantCulture, out _));
        foreach (var gone in new[] { "content", "attachments", "reaction_summary" })
        {
            Assert.False(tombstone.TryGetProperty(gone, out _), gone);
        }
    }

    [Fact]
    public async Task V3_text_models_carry_the_words_in_timecodes_for_audio_the_text_for_text_and_a_summary_for_long_messages()
    {
        var conversation = _messages.Values.First().ConversationId;
        var seen = new HashSet<string>();
        for (var start = 1; start <= 120; start += 60)
        {
            var (_, window) = await Emu.GetJson(_client, $"/v3/messages/{conversation}/sequential/{start}/{start + 59}");
            foreach (var row in window.EnumerateArray())
            {
                var expected = _messages[row.GetProperty("message_id").GetString()!];
                Assert.False(row.TryGetProperty("sequence", out _));
                Assert.Equal(expected.IsText, row.GetProperty("is_text_message").GetBoolean());
                var models = row.GetProperty("text_models").EnumerateArray().ToList();
                var transcriptModel = models.Single(m => m.GetProperty("type").GetString() is "transcript" or "transcript_with_timecode");
                if (expected.Kind == "audio")
                {
                    Assert.Equal("transcript_with_timecode", transcriptModel.GetProperty("type").GetString());
                    Assert.Equal(string.Empty, transcriptModel.GetProperty("value").GetString());
                    Assert.Equal(row.GetProperty("audio_models")[0].GetProperty("_id").GetString(), transcriptModel.GetProperty("audio_id").GetString());
                    Assert.Equal(expected.Language, transcriptModel.GetProperty("language_id").GetString());
                    AssertTimeCodes(transcriptModel.GetProperty("timecodes"), expected.Transcript);
                }
                else
                {
                    Assert.Equal("transcript", transcriptModel.GetProperty("type").GetString());
                    Assert.Equal(expected.Transcript, transcriptModel.GetProperty("value").GetString());
                    Assert.False(transcriptModel.TryGetProperty("timecodes", out _));
                }

                var summary = models.Where(m => m.GetProperty("type").GetString() == "summary").ToList();
                Assert.Equal(expected.HasAiSummary ? 1 : 0, summary.Count);
                if (summary.Count == 1)
                {
                    Assert.False(string.IsNullOrEmpty(summary[0].GetProperty("value").GetString()));
                }

                seen.Add(expected.Kind + (summary.Count == 1 ? "+summary" : string.Empty));
            }
        }

        Assert.Contains("audio", seen);
        Assert.Contains("text", seen);
        Assert.Contains(seen, k => k.EndsWith("+summary", StringComparison.Ordinal));
    }

    [Fact]
    public async Task V3_has_no_sequence_anywhere_and_get_by_id_is_a_bare_flat_message()
    {
        var message = _messages.Values.First();
        var user = _emulator.Data.Users[0].Id;
        var date = message.CreatedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ");
        var (_, recent) = await Emu.PostJson(_client, "/v3/messages/recent", """{"direction": "older", "limit": 50}""");
        var (_, notified) = await Emu.PostJson(_client, "/v3/messages/notified", """{"direction": "older", "limit": 50}""");
        var (_, byDate) = await Emu.GetJson(_client, $"/v3/messages/{message.ConversationId}/by-id?date={date}&direction=newer");
        var (_, search) = await Emu.PostJson(_client, "/v3/search", """{"query": "the"}""");
        var rows = recent.EnumerateArray().Concat(notified.EnumerateArray()).Concat(byDate.EnumerateArray()).Concat(search.GetProperty("results").EnumerateArray()).ToList();
        Assert.True(rows.Count > 50);
        Assert.All(rows, r => Assert.False(r.TryGetProperty("sequence", out _)));

        var (status, flat) = await Emu.GetJson(_client, $"/v3/messages/{message.Id}");
        Assert.Equal(200, status);
        Assert.Equal(JsonValueKind.Object, flat.ValueKind);
        Assert.Equal(message.Id, flat.GetProperty("message_id").GetString());
        Assert.False(flat.TryGetProperty("sequence", out _));
        Assert.Equal(404, (await Emu.GetJson(_client, "/v3/messages/unknown")).Status);
        var foreign = _emulator.Data.Workspaces.Single(w => !w.MemberIds.Contains(user));
        var foreignMessage = _emulator.Data.MessagesIn(_emulator.Data.ConversationsIn(foreign.Id).First(c => c.MessageCount > 0).Id)[0];
        Assert.Equal(403, (await Emu.GetJson(_client, $"/v3/messages/{foreignMessage.Id}")).Status);
    }

    [Fact]
    public async Task V5_keeps_the_transcript_as_text_and_adds_time_codes_to_audio_messages()
    {
        var audio = _messages.Values.First(m => m.Kind == "audio" && m.TranscriptOnlyInTimeCodes);
        var text = _messages.Values.First(m => m.Kind == "text");
        var (_, a) = await Emu.GetJson(_client, $"/v5/messages/{audio.Id}");
        Assert.Equal(audio.Transcript, a.GetProperty("message").GetProperty("transcript").GetString());
        AssertTimeCodes(a.GetProperty("message").GetProperty("time_codes"), audio.Transcript);
        var (_, t) = await Emu.GetJson(_client, $"/v5/messages/{text.Id}");
        Assert.Equal(text.Transcript, t.GetProperty("message").GetProperty("transcript").GetString());
        Assert.False(t.GetProperty("message").TryGetProperty("time_codes", out _));
    }
}
