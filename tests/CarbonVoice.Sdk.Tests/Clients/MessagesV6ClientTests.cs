using System.Text.Json.Nodes;
using CarbonVoice.Sdk.Tests.Support;
using RichardSzalay.MockHttp;

namespace CarbonVoice.Sdk.Tests.Clients;

public sealed class MessagesV6ClientTests
{
    // A voice reply as PhononX's clients see it on the v6 routes: null fields dropped, the words only in time_codes.
    private const string VoiceReplyJson = """
        {
          "id": "m-2", "type": "channel", "kind": "audio",
          "created_at": "2026-03-01T12:00:00.000Z", "updated_at": "2026-03-01T12:00:20.000Z",
          "conversation_id": "ka1LBbiRgKDd1XIq", "workspace_id": "KYbE5xyjBt39", "creator_id": "u-1", "status": "active",
          "thread_id": "m-1", "link": "https://app.test/m/m-2", "share_link_id": "sl-1", "tagged_user_ids": ["u-2"], "notes": "n",
          "attachments": [{"id": "f-1", "creator_id": "u-1", "created_at": "2026-03-01T12:00:00Z", "type": "file", "url": "https://f.test/1",
                           "filename": "a.txt", "mime_type": "text/plain", "length_in_bytes": 12, "status": "uploading", "percent_complete": 40}],
          "ai_response_ids": [{"id": "0123456789abcdef01234567", "prompt_id": "p-1"}],
          "reaction_summary": {"reaction_counts": {"heart": 2}, "top_user_reactions": [{"user_id": "u-2", "reaction_id": "heart"}],
                               "top_user_emojis": [{"reaction": "❤️", "count": 2, "user_ids": ["u-2", "u-3"]}]},
          "content": {"transcript": "", "ai_summary": "A short summary.", "language": "en", "is_original_language": true,
                      "time_codes": [{"t": "Hello", "s": 0, "e": 300}, {"t": " team", "s": 310, "e": 600}, {"t": "", "s": 600, "e": 610}],
                      "url": "https://a.test/m-2.mp3", "streaming_url": "https://a.test/m-2.m3u8", "duration_ms": 610, "waveform_percentage": "05az"},
          "utm_data": {"source": "x"}
        }
        """;

    [Fact]
    public async Task GetV6Async_unwraps_the_message_and_reads_every_confirmed_field()
    {
        var mock = new MockHttpMessageHandler();
        mock.Expect(HttpMethod.Get, TestClients.Url("v6/messages/m-2"))
            .WithExactQueryString("language=en&presigned_url=true&fresh=true")
            .Respond(Json.MediaType, $$"""{"message": {{VoiceReplyJson}}}""");
        using var client = TestClients.Create(mock);

        var message = await client.Messages.GetV6Async("m-2", new MessageGetOptions { Language = "en", PresignedUrl = true, Fresh = true });

        Assert.Equal("m-2", message.Id);
        Assert.Equal("Hello team", message.Transcript);
        Assert.Equal(string.Empty, message.Content!.Transcript);
        Assert.Equal("A short summary.", message.AiSummary);
        Assert.Equal("m-1", message.ThreadId);
        Assert.Equal("m-1", message.ParentMessageId);
        Assert.False(message.IsPending);
        Assert.False(message.IsDeleted);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 12, 0, 20, TimeSpan.Zero), message.UpdatedAt);
        Assert.Equal("05az", message.Content.WaveformPercentage);
        Assert.Equal(610, message.Content.DurationMs);
        var attachment = Assert.Single(message.Attachments!);
        Assert.Equal(("uploading", 40.0), (attachment.Status, attachment.PercentComplete));
        Assert.Equal("p-1", Assert.Single(message.AiResponseIds!).PromptId);
        var emoji = Assert.Single(message.ReactionSummary!.TopUserEmojis!);
        Assert.Equal(("❤️", 2L), (emoji.Reaction, emoji.Count));
        Assert.Equal(["u-2", "u-3"], emoji.UserIds!);
        Assert.Equal("x", message.AdditionalProperties!["utm_data"].GetProperty("source").GetString());
        mock.VerifyNoOutstandingExpectation();
    }

    [Fact]
    public async Task A_message_of_the_thread_root_has_no_parent_and_one_still_processing_is_pending_without_words()
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Get, TestClients.Url("v6/messages/m-1"))
            .Respond(Json.MediaType, """{"message": {"id": "m-1", "thread_id": "m-1", "status": "processing", "created_at": "2026-03-01T12:00:00Z"}}""");
        using var client = TestClients.Create(mock);

        var message = await client.Messages.GetV6Async("m-1");

        Assert.Null(message.ParentMessageId);
        Assert.True(message.IsPending);
        Assert.Null(message.Transcript);
        Assert.Null(message.Content);
    }

    [Fact]
    public async Task GetByIdsV6Async_posts_the_conversation_and_ids_and_keeps_the_requested_order()
    {
        var mock = new MockHttpMessageHandler();
        string? body = null;
        mock.Expect(HttpMethod.Post, TestClients.Url("v6/messages/by-ids")).Respond(async request =>
        {
            body = await request.Content!.ReadAsStringAsync();
            return new HttpResponseMessage(System.Net.HttpStatusCode.OK)
            {
                Content = new StringContent("""[{"id": "b", "status": "active"}, {"id": "a", "status": "deleted", "deleted_at": "2026-03-01T00:00:00Z"}]""", System.Text.Encoding.UTF8, Json.MediaType),
            };
        });
        using var client = TestClients.Create(mock);

        var messages = await client.Messages.GetByIdsV6Async("c1", ["a", "b", "a", " "]);

        Assert.Equal(["a", "b"], messages.Select(m => m.Id));
        Assert.True(messages[0].IsDeleted);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"conversation_id": "c1", "message_ids": ["a", "b"]}"""), JsonNode.Parse(body!)));
        mock.VerifyNoOutstandingExpectation();
    }

    [Fact]
    public async Task GetByIdsV6Async_with_no_ids_sends_nothing_because_the_service_answers_400_to_an_empty_list()
    {
        var mock = new MockHttpMessageHandler();
        var any = mock.When("*").Respond(Json.MediaType, "[]");
        using var client = TestClients.Create(mock);

        Assert.Empty(await client.Messages.GetByIdsV6Async("c1", []));
        Assert.Equal(0, mock.GetMatchCount(any));
        await Assert.ThrowsAsync<ArgumentException>(() => client.Messages.GetByIdsV6Async(" ", ["a"]));
    }
}
