using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CarbonVoice.Sdk.Internal;
using CarbonVoice.Sdk.Tests.Support;
using RichardSzalay.MockHttp;

namespace CarbonVoice.Sdk.Tests.Clients;

public sealed class MessagesClientTests
{
    private const string Bearer = "Bearer " + TestClients.AccessToken;

    // MessageV5 as the contract describes it, with an unknown field, epoch-ms updated_at and epoch-seconds deleted_at.
    private const string MessageV5Json = """
        {
          "id": "msg-1",
          "type": "channel",
          "kind": "audio",
          "created_at": "2026-02-03T09:46:10.492Z",
          "updated_at": 1770112000000,
          "deleted_at": 1770112100,
          "conversation_id": "CH0123456789abcd",
          "workspace_id": "KYbE5xyjBt39",
          "creator_id": "u1",
          "status": "active",
          "parent_message_id": "msg-0",
          "attachments": [
            {"id": "att-1", "creator_id": "u1", "created_at": "2026-02-03T09:46:11.000Z", "type": "file", "url": "https://files.test/a.pdf",
             "filename": "a.pdf", "mime_type": "application/pdf", "length_in_bytes": 2048, "checksum": "abc"}
          ],
          "language": "en",
          "transcript": "Hello team",
          "ai_summary": "A greeting",
          "link": "https://app.carbonvoice.app/m/msg-1",
          "conversation_sequence": 7,
          "audio": {"url": "https://audio.test/1.mp3", "streaming_url": "https://audio.test/1.m3u8", "presigned_url": "https://audio.test/1.mp3?sig=x",
                    "presigned_url_expiration_date": "2026-02-03T10:46:10.492Z", "duration_ms": 5230, "waveform_percentages": [0.1, 50, 99.5]},
          "reaction_summary": {"reaction_counts": {"thumbsup": 3}, "top_user_reactions": [{"user_id": "u2", "reaction_id": "thumbsup"}]},
          "tagged_user_ids": ["u2", "u3"],
          "time_codes": [{"t": "Hello", "s": 0, "e": 420}],
          "brand_new_field": {"nested": true}
        }
        """;

    // MessageV3 as /v3/messages/recent returns it.
    private const string MessageV3Json = """
        {
          "message_id": "msg-3",
          "creator_id": "u1",
          "created_at": "2026-02-03T09:46:10.492Z",
          "deleted_at": null,
          "last_updated_at": 1770112000,
          "workspace_ids": ["KYbE5xyjBt39"],
          "channel_ids": ["CH0123456789abcd"],
          "parent_message_id": null,
          "name": "Standup",
          "is_text_message": false,
          "status": "active",
          "type": "channel",
          "duration_ms": 5230,
          "audio_models": [{"_id": "aud-1", "url": "https://audio.test/1.mp3", "extension": "mp3", "streaming": false, "language": "en",
                            "duration_ms": 5230, "waveform_percentages": [1, 2], "is_original_audio": true}],
          "text_models": [
            {"type": "transcript_with_timecode", "audio_id": "aud-1", "language_id": "en", "value": "Hi all", "timecodes": [{"t": "Hi", "s": 0, "e": 200}]},
            {"type": "transcript", "audio_id": "aud-1", "language_id": "en", "value": "Hi all"}
          ],
          "attachments": [{"_id": "att-9", "creator_id": "u1", "created_at": 1770112000000, "type": "link", "link": "https://example.test",
                           "filename": null, "mime_type": null, "length_in_bytes": 0}],
          "notes": "Remember the demo",
          "reaction_summary": {"reaction_counts": {"heart": 1}, "top_user_reactions": []},
          "tagged_user_ids": ["u4"],
          "sequence": 12,
          "folder_id": null,
          "utm_data": {"source": "x"}
        }
        """;

    private const string NestJsBadRequest = """{"statusCode":400,"message":"conversation_id should not be empty","error":"Bad Request"}""";

    private static readonly DateTimeOffset Date = new(2026, 2, 3, 9, 46, 10, 492, TimeSpan.Zero);

    [Fact]
    public async Task GetAsync_gets_v5_message_with_query_and_unwraps_the_message_envelope()
    {
        var mock = new MockHttpMessageHandler();
        HttpRequestMessage? seen = null;
        var route = mock.Expect(HttpMethod.Get, TestClients.Url("v5/messages/msg-1"))
            .WithExactQueryString("language=es&presigned_url=true&fresh=true")
            .WithHeaders("Authorization", Bearer)
            .Respond(request =>
            {
                seen = request;
                return JsonResponse(HttpStatusCode.OK, $$"""{"message": {{MessageV5Json}}}""");
            });
        using var client = TestClients.Create(mock);

        var message = await client.Messages.GetAsync("msg-1", new MessageGetOptions { Language = "es", PresignedUrl = true, Fresh = true });

        Assert.Equal(1, mock.GetMatchCount(route));
        Assert.Equal(HttpMethod.Get, seen!.Method);
        AssertFullMessage(message);
    }

    [Fact]
    public async Task GetAsync_accepts_a_bare_message_and_sends_no_query_by_default()
    {
        var mock = new MockHttpMessageHandler();
        HttpRequestMessage? seen = null;
        mock.When(HttpMethod.Get, TestClients.Url("v5/messages/msg-1")).Respond(request =>
        {
            seen = request;
            return JsonResponse(HttpStatusCode.OK, MessageV5Json);
        });
        using var client = TestClients.Create(mock);

        var message = await client.Messages.GetAsync("msg-1");

        Assert.Equal(string.Empty, seen!.RequestUri!.Query);
        AssertFullMessage(message);
    }

    [Fact]
    public async Task GetAsync_escapes_the_id_and_maps_404()
    {
        var mock = new MockHttpMessageHandler();
        HttpRequestMessage? seen = null;
        mock.Fallback.Respond(request =>
        {
            seen = request;
            return JsonResponse(HttpStatusCode.NotFound, """{"success":false,"requestId":"rq-404","errmsg":"Message not found"}""");
        });
        using var client = TestClients.Create(mock);

        var error = await Assert.ThrowsAsync<CarbonVoiceNotFoundException>(() => client.Messages.GetAsync("a/b c"));

        Assert.Equal("/v5/messages/a%2Fb%20c", seen!.RequestUri!.AbsolutePath);
        Assert.Equal("rq-404", error.RequestId);
        Assert.Equal("Message not found", error.ErrorMessage);
        Assert.Equal("GET /v5/messages/{id}", error.Endpoint);
    }

    [Fact]
    public async Task GetAsync_rejects_a_blank_id()
    {
        using var client = TestClients.Create(new MockHttpMessageHandler());

        await Assert.ThrowsAsync<ArgumentException>(() => client.Messages.GetAsync(" "));
    }

    [Fact]
    public async Task GetByIdsAsync_posts_the_conversation_and_ids_and_reads_a_bare_array()
    {
        var mock = new MockHttpMessageHandler();
        string? body = null;
        var route = mock.Expect(HttpMethod.Post, TestClients.Url("v5/messages/by-ids"))
            .WithHeaders("Authorization", Bearer)
            .Respond(async request =>
            {
                body = await request.Content!.ReadAsStringAsync();
                Assert.Equal("application/json", request.Content.Headers.ContentType!.MediaType);
                return JsonResponse(HttpStatusCode.OK, $$"""[{{MessageV5Json}}, {"id": "msg-2", "created_at": "2026-02-03T09:47:00Z"}]""");
            });
        using var client = TestClients.Create(mock);

        var messages = await client.Messages.GetByIdsAsync("CH0123456789abcd", ["msg-1", "msg-2"]);

        Assert.Equal(1, mock.GetMatchCount(route));
        AssertJsonEqual("""{"conversation_id":"CH0123456789abcd","message_ids":["msg-1","msg-2"]}""", body!);
        Assert.Equal(["msg-1", "msg-2"], messages.Select(m => m.Id));
        AssertFullMessage(messages[0]);
    }

    [Fact]
    public async Task GetByIdsAsync_also_accepts_a_wrapped_array()
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, TestClients.Url("v5/messages/by-ids"))
            .Respond(Json.MediaType, $$"""{"messages": [{{MessageV5Json}}]}""");
        using var client = TestClients.Create(mock);

        var messages = await client.Messages.GetByIdsAsync("CH0123456789abcd", ["msg-1"]);

        AssertFullMessage(Assert.Single(messages));
    }

    [Fact]
    public async Task GetByIdsAsync_maps_the_NestJS_validation_body()
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, TestClients.Url("v5/messages/by-ids")).Respond(_ => JsonResponse(HttpStatusCode.BadRequest, NestJsBadRequest));
        using var client = TestClients.Create(mock);

        var error = await Assert.ThrowsAsync<CarbonVoiceValidationException>(() => client.Messages.GetByIdsAsync("c1", ["m1"]));

        Assert.Equal("conversation_id should not be empty", error.ErrorMessage);
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal("POST /v5/messages/by-ids", error.Endpoint);
    }

    [Fact]
    public async Task GetByIdsAsync_with_a_truncated_body_names_the_endpoint()
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, TestClients.Url("v5/messages/by-ids")).Respond(_ => JsonResponse(HttpStatusCode.OK, """[{"id": "msg-1", "created_at": "2026-02-03T09:4"""));
        using var client = TestClients.Create(mock);

        var error = await Assert.ThrowsAsync<CarbonVoiceMalformedResponseException>(() => client.Messages.GetByIdsAsync("c1", ["msg-1"]));

        Assert.Contains("POST /v5/messages/by-ids", error.Message, StringComparison.Ordinal);
        Assert.IsType<JsonException>(error.InnerException, exactMatch: false);
    }

    [Fact]
    public async Task GetByIdsAsync_validates_its_arguments_without_a_request()
    {
        var mock = new MockHttpMessageHandler();
        using var client = TestClients.Create(mock);

        await Assert.ThrowsAsync<ArgumentException>(() => client.Messages.GetByIdsAsync("", ["m1"]));
        await Assert.ThrowsAsync<ArgumentNullException>(() => client.Messages.GetByIdsAsync("c1", null!));
        Assert.Empty(await client.Messages.GetByIdsAsync("c1", []));
    }

    [Fact]
    public async Task ListIdsAsync_reads_the_cursor_envelope_of_strings()
    {
        var mock = new MockHttpMessageHandler();
        mock.Expect(HttpMethod.Get, TestClients.Url("v5/conversations/c1/messages/ids"))
            .WithExactQueryString("limit=500")
            .WithHeaders("Authorization", Bearer)
            .Respond(Json.MediaType, """{"results": ["m1", "m2"], "has_more": true, "next_cursor": "m2", "total": 3}""");
        mock.Expect(HttpMethod.Get, TestClients.Url("v5/conversations/c1/messages/ids"))
            .WithExactQueryString("limit=500&starting_after=m2")
            .Respond(Json.MediaType, """{"results": ["m3"], "has_more": false, "next_cursor": null, "total": 3}""");
        using var client = TestClients.Create(mock);

        var ids = await client.Messages.ListIdsAsync("c1", 500).ToListAsync();

        Assert.Equal(["m1", "m2", "m3"], ids);
        mock.VerifyNoOutstandingExpectation();
    }

    [Fact]
    public async Task ListByChannelAsync_sends_date_direction_and_limit_and_reads_v3_messages()
    {
        var mock = new MockHttpMessageHandler();
        mock.Expect(HttpMethod.Get, TestClients.Url("v3/messages/CH0123456789abcd/by-id"))
            .WithExactQueryString("limit=10&date=2026-02-03T09%3A46%3A10.492Z&direction=newer")
            .WithHeaders("Authorization", Bearer)
            .Respond(Json.MediaType, $"[{MessageV3Json}]");
        // A short page does not end a date-cursor list (the service caps pages): the next, empty page does.
        mock.Expect(HttpMethod.Get, TestClients.Url("v3/messages/CH0123456789abcd/by-id"))
            .WithExactQueryString("limit=11&date=2026-02-03T09%3A46%3A10.492Z&direction=newer")
            .Respond(Json.MediaType, $"[{MessageV3Json}]");
        using var client = TestClients.Create(mock);

        var messages = await client.Messages.ListByChannelAsync("CH0123456789abcd", new DateCursorOptions { Date = Date, Direction = MessageDirections.Newer, PageSize = 10 }).ToListAsync();

        AssertFullLegacyMessage(Assert.Single(messages));
        mock.VerifyNoOutstandingExpectation();
    }

    [Fact]
    public async Task GetSequenceWindowAsync_gets_the_inclusive_window()
    {
        var mock = new MockHttpMessageHandler();
        mock.Expect(HttpMethod.Get, TestClients.Url("v3/messages/CH0123456789abcd/sequential/12/111"))
            .WithHeaders("Authorization", Bearer)
            .Respond(Json.MediaType, $"[{MessageV3Json}]");
        using var client = TestClients.Create(mock);

        var messages = await client.Messages.GetSequenceWindowAsync("CH0123456789abcd", 12, 111);

        AssertFullLegacyMessage(Assert.Single(messages));
        mock.VerifyNoOutstandingExpectation();
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(10, 9)]
    [InlineData(1, 501)]
    public async Task GetSequenceWindowAsync_rejects_invalid_windows(int start, int stop)
    {
        using var client = TestClients.Create(new MockHttpMessageHandler());

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.Messages.GetSequenceWindowAsync("c1", start, stop));
    }

    [Fact]
    public async Task ListRecentAsync_posts_the_documented_body()
    {
        var mock = new MockHttpMessageHandler();
        string? body = null;
        mock.Expect(HttpMethod.Post, TestClients.Url("v3/messages/recent"))
            .WithHeaders("Authorization", Bearer)
            .Respond(async request =>
            {
                body = await request.Content!.ReadAsStringAsync();
                return JsonResponse(HttpStatusCode.OK, $"[{MessageV3Json}]");
            });
        mock.Expect(HttpMethod.Post, TestClients.Url("v3/messages/recent")).Respond(Json.MediaType, "[]");
        using var client = TestClients.Create(mock);

        var messages = await client.Messages.ListRecentAsync(new RecentMessagesOptions
        {
            Date = Date,
            Direction = MessageDirections.Newer,
            PageSize = 25,
            UseLastUpdated = true,
            ChannelId = "CH0123456789abcd",
        }).ToListAsync();

        AssertJsonEqual("""{"date":"2026-02-03T09:46:10.492Z","direction":"newer","limit":25,"use_last_updated":true,"channel_id":"CH0123456789abcd"}""", body!);
        AssertFullLegacyMessage(Assert.Single(messages));
    }

    [Fact]
    public async Task ListRecentAsync_defaults_to_older_50_without_channel()
    {
        var mock = new MockHttpMessageHandler();
        string? body = null;
        mock.When(HttpMethod.Post, TestClients.Url("v3/messages/recent")).Respond(async request =>
        {
            body = await request.Content!.ReadAsStringAsync();
            return JsonResponse(HttpStatusCode.OK, "[]");
        });
        using var client = TestClients.Create(mock);

        Assert.Empty(await client.Messages.ListRecentAsync(new RecentMessagesOptions { Date = Date }).ToListAsync());

        AssertJsonEqual("""{"date":"2026-02-03T09:46:10.492Z","direction":"older","limit":50,"use_last_updated":false}""", body!);
    }

    [Fact]
    public async Task ListNotifiedAsync_posts_newer_with_use_last_updated_and_reads_deletions()
    {
        var mock = new MockHttpMessageHandler();
        string? body = null;
        mock.Expect(HttpMethod.Post, TestClients.Url("v3/messages/notified"))
            .WithHeaders("Authorization", Bearer)
            .Respond(async request =>
            {
                body = await request.Content!.ReadAsStringAsync();
                return JsonResponse(HttpStatusCode.OK, """
                    [{"message_id": "gone", "created_at": "2026-02-01T00:00:00Z", "last_updated_at": "2026-02-03T09:50:00Z",
                      "deleted_at": "2026-02-03T09:50:00Z", "status": "deleted", "text_models": []}]
                    """);
            });
        mock.Expect(HttpMethod.Post, TestClients.Url("v3/messages/notified")).Respond(Json.MediaType, "[]");
        using var client = TestClients.Create(mock);

        var messages = await client.Messages.ListNotifiedAsync(Date, new NotifiedMessagesOptions { PageSize = 20, ChannelId = "c9" }).ToListAsync();

        AssertJsonEqual("""{"date":"2026-02-03T09:46:10.492Z","direction":"newer","limit":20,"use_last_updated":true,"channel_id":"c9"}""", body!);
        var gone = Assert.Single(messages);
        Assert.Equal("deleted", gone.Status);
        Assert.Equal(new DateTimeOffset(2026, 2, 3, 9, 50, 0, TimeSpan.Zero), gone.DeletedAt);
        Assert.Null(gone.Transcript);
    }

    [Fact]
    public async Task SearchAsync_posts_the_query_and_reads_the_cursor_envelope()
    {
        var mock = new MockHttpMessageHandler();
        string? body = null;
        mock.Expect(HttpMethod.Post, TestClients.Url("v3/search"))
            .WithHeaders("Authorization", Bearer)
            .Respond(async request =>
            {
                body = await request.Content!.ReadAsStringAsync();
                return JsonResponse(HttpStatusCode.OK, $$"""{"results": [{{MessageV3Json}}], "has_more": false, "next_cursor": null, "total": 1}""");
            });
        using var client = TestClients.Create(mock);

        var results = await client.Messages.SearchAsync(new MessageSearchRequest { Query = "demo", WorkspaceId = "KYbE5xyjBt39", ChannelId = "CH0123456789abcd", PageSize = 5 }).ToListAsync();

        AssertJsonEqual("""{"query":"demo","workspace_id":"KYbE5xyjBt39","channel_id":"CH0123456789abcd","limit":5}""", body!);
        AssertFullLegacyMessage(Assert.Single(results));
    }

    [Fact]
    public void SearchAsync_requires_a_query()
    {
        using var client = TestClients.Create(new MockHttpMessageHandler());

        Assert.Throws<ArgumentException>(() => client.Messages.SearchAsync(new MessageSearchRequest { Query = " " }));
        Assert.Throws<ArgumentNullException>(() => client.Messages.SearchAsync(null!));
    }

    [Fact]
    public async Task A_truncated_list_body_is_a_malformed_response_naming_the_endpoint()
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, TestClients.Url("v3/messages/recent")).Respond(_ => JsonResponse(HttpStatusCode.OK, """[{"message_id": "m1", "created_at": """));
        using var client = TestClients.Create(mock);

        var error = await Assert.ThrowsAsync<CarbonVoiceMalformedResponseException>(() => client.Messages.ListRecentAsync(new RecentMessagesOptions { Date = Date }).ToListAsync());

        Assert.Contains("POST /v3/messages/recent", error.Message, StringComparison.Ordinal);
        Assert.Equal("POST /v3/messages/recent", error.Endpoint);
    }

    [Fact]
    public async Task A_message_without_its_id_is_a_malformed_response()
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Get, TestClients.Url("v5/messages/m1")).Respond(_ => JsonResponse(HttpStatusCode.OK, """{"message": {"type": "channel"}}"""));
        using var client = TestClients.Create(mock);

        var error = await Assert.ThrowsAsync<CarbonVoiceMalformedResponseException>(() => client.Messages.GetAsync("m1"));

        Assert.Contains("GET /v5/messages/{id}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_200_with_success_false_is_an_error()
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, TestClients.Url("v3/search")).Respond(_ => JsonResponse(HttpStatusCode.OK, """{"success": false, "requestId": "rq-9", "errmsg": "search unavailable"}"""));
        using var client = TestClients.Create(mock);

        var error = await Assert.ThrowsAnyAsync<CarbonVoiceException>(() => client.Messages.SearchAsync(new MessageSearchRequest { Query = "x" }).ToListAsync());

        Assert.Equal("search unavailable", error.ErrorMessage);
        Assert.Equal("rq-9", error.RequestId);
    }

    [Fact]
    public void Legacy_notes_and_timecode_text_accept_non_string_json()
    {
        var message = JsonSerializer.Deserialize(
            """{"message_id": "m", "notes": {"text": "n"}, "text_models": [{"type": "transcript", "value": "v", "timecodes": [{"t": 5, "s": "1", "e": 2}]}]}""",
            CarbonVoiceJsonContext.Default.LegacyMessage)!;

        Assert.Equal("""{"text": "n"}""", message.Notes);
        var timecode = Assert.Single(message.TextModels![0].Timecodes!);
        Assert.Equal("5", timecode.Text);
        Assert.Equal(1, timecode.Start);
        Assert.Equal("v", message.Transcript);
    }

    [Fact]
    public void The_convenience_transcript_is_not_serialized()
    {
        var message = JsonSerializer.Deserialize(MessageV3Json, CarbonVoiceJsonContext.Default.LegacyMessage)!;

        var json = JsonNode.Parse(JsonSerializer.Serialize(message, CarbonVoiceJsonContext.Default.LegacyMessage))!.AsObject();

        Assert.False(json.ContainsKey("transcript"));
        Assert.Equal("msg-3", (string?)json["message_id"]);
        Assert.True(json.ContainsKey("utm_data"));
    }

    [Fact]
    public void Message_models_are_mockable_and_the_client_members_virtual()
    {
        var members = typeof(MessagesClient).GetMethods(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.DeclaredOnly);

        Assert.NotEmpty(members);
        Assert.All(members, m => Assert.True(m.IsVirtual, m.Name));
        Assert.Equal(typeof(IMessagesClient).GetMethods().Length, members.Length);
    }

    private static void AssertFullMessage(Message message)
    {
        Assert.Equal("msg-1", message.Id);
        Assert.Equal("channel", message.Type);
        Assert.Equal("audio", message.Kind);
        Assert.Equal(Date, message.CreatedAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1770112000000), message.UpdatedAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1770112100), message.DeletedAt);
        Assert.Equal("CH0123456789abcd", message.ConversationId);
        Assert.Equal("KYbE5xyjBt39", message.WorkspaceId);
        Assert.Equal("u1", message.CreatorId);
        Assert.Equal("active", message.Status);
        Assert.Equal("msg-0", message.ParentMessageId);
        var attachment = Assert.Single(message.Attachments!);
        Assert.Equal("att-1", attachment.Id);
        Assert.Equal("https://files.test/a.pdf", attachment.Url);
        Assert.Equal("a.pdf", attachment.Filename);
        Assert.Equal("application/pdf", attachment.MimeType);
        Assert.Equal(2048, attachment.LengthInBytes);
        Assert.True(attachment.AdditionalProperties!.ContainsKey("checksum"));
        Assert.Equal("en", message.Language);
        Assert.Equal("Hello team", message.Transcript);
        Assert.Equal("A greeting", message.AiSummary);
        Assert.Equal("https://app.carbonvoice.app/m/msg-1", message.Link);
        Assert.Equal(7, message.ConversationSequence);
        Assert.Equal("https://audio.test/1.m3u8", message.Audio!.StreamingUrl);
        Assert.Equal("https://audio.test/1.mp3?sig=x", message.Audio.PresignedUrl);
        Assert.Equal(Date.AddHours(1), message.Audio.PresignedUrlExpirationDate);
        Assert.Equal(5230, message.Audio.DurationMs);
        Assert.Equal([0.1, 50, 99.5], message.Audio.WaveformPercentages!);
        Assert.Equal(3, message.ReactionSummary!.ReactionCounts!["thumbsup"]);
        Assert.Equal("u2", Assert.Single(message.ReactionSummary.TopUserReactions!).UserId);
        Assert.Equal(["u2", "u3"], message.TaggedUserIds!);
        Assert.Equal(420, Assert.Single(message.TimeCodes!).End);
        Assert.True(message.AdditionalProperties!["brand_new_field"].GetProperty("nested").GetBoolean());
    }

    private static void AssertFullLegacyMessage(LegacyMessage message)
    {
        Assert.Equal("msg-3", message.Id);
        Assert.Equal("u1", message.CreatorId);
        Assert.Equal(Date, message.CreatedAt);
        Assert.Null(message.DeletedAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1770112000), message.LastUpdatedAt);
        Assert.Equal(["KYbE5xyjBt39"], message.WorkspaceIds!);
        Assert.Equal(["CH0123456789abcd"], message.ChannelIds!);
        Assert.Null(message.ParentMessageId);
        Assert.Equal("Standup", message.Name);
        Assert.False(message.IsTextMessage);
        Assert.Equal("active", message.Status);
        Assert.Equal("channel", message.Type);
        Assert.Equal(5230, message.DurationMs);
        var audio = Assert.Single(message.AudioModels!);
        Assert.Equal("aud-1", audio.Id);
        Assert.Equal("mp3", audio.Extension);
        Assert.True(audio.IsOriginalAudio);
        Assert.Equal(2, message.TextModels!.Count);
        Assert.Equal("Hi", Assert.Single(message.TextModels[0].Timecodes!).Text);
        Assert.Equal("Hi all", message.Transcript);
        var attachment = Assert.Single(message.Attachments!);
        Assert.Equal("att-9", attachment.Id);
        Assert.Equal("https://example.test", attachment.Link);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1770112000000), attachment.CreatedAt);
        Assert.Equal("Remember the demo", message.Notes);
        Assert.Equal(1, message.ReactionSummary!.ReactionCounts!["heart"]);
        Assert.Equal(["u4"], message.TaggedUserIds!);
        Assert.Equal(12, message.AdditionalProperties!["sequence"].GetInt32());
        Assert.Equal("x", message.AdditionalProperties!["utm_data"].GetProperty("source").GetString());
    }

    private static void AssertJsonEqual(string expected, string actual)
        => Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(actual)), $"Expected {expected} but the body was {actual}");

    private static HttpResponseMessage JsonResponse(HttpStatusCode status, string json)
        => new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
}
