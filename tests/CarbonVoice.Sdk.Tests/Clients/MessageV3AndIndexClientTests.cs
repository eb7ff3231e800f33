using System.Net;
using CarbonVoice.Sdk.Tests.Support;
using RichardSzalay.MockHttp;

namespace CarbonVoice.Sdk.Tests.Clients;

/// <summary><c>GET /v3/messages/{id}</c> (flat) and <c>GET /messages/{channel_id}/index</c> (<c>{results}</c> or bare).</summary>
public sealed class MessageV3AndIndexClientTests
{
    private const string V3Message = """
        {"message_id": "m1", "creator_id": "u1", "created_at": "2026-03-01T10:00:00.000Z", "channel_ids": ["c1"],
         "parent_message_id": null, "status": "active", "is_text_message": false,
         "text_models": [{"type": "transcript_with_timecode", "value": "", "timecodes": [{"t": "hello", "s": 0, "e": 300}, {"t": "there", "s": 380, "e": 700}]}],
         "attachments": [{"_id": "a1", "link": "https://files.test/a1", "filename": "notes.txt", "mime_type": "text/plain", "length_in_bytes": 12}],
         "share_link_id": "sl1", "forward_id": "sl1"}
        """;

    [Fact]
    public async Task GetV3Async_reads_the_flat_message_and_its_words_from_the_time_codes()
    {
        var mock = new MockHttpMessageHandler();
        var route = mock.When(HttpMethod.Get, TestClients.Url("v3/messages/m1")).Respond(Json.MediaType, V3Message);
        using var client = TestClients.Create(mock);

        var message = await client.Messages.GetV3Async("m1");

        Assert.Equal(1, mock.GetMatchCount(route));
        Assert.Equal("m1", message.Id);
        Assert.Equal("hello there", message.Transcript);
        Assert.Equal("sl1", message.ShareLinkId);
        Assert.Equal("a1", Assert.Single(message.Attachments!).Id);
        Assert.True(message.AdditionalProperties!.ContainsKey("forward_id"));
    }

    [Fact]
    public async Task GetV3Async_also_accepts_a_message_wrapper()
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Get, TestClients.Url("v3/messages/m1")).Respond(Json.MediaType, $$"""{"message": {{V3Message}}}""");
        using var client = TestClients.Create(mock);

        Assert.Equal("m1", (await client.Messages.GetV3Async("m1")).Id);
    }

    [Fact]
    public async Task GetV3Async_maps_404_and_refuses_a_blank_id()
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Get, TestClients.Url("v3/messages/gone"))
            .Respond(HttpStatusCode.NotFound, Json.MediaType, """{"success": false, "requestId": "r1", "errmsg": "Message not found"}""");
        using var client = TestClients.Create(mock);

        var error = await Assert.ThrowsAsync<CarbonVoiceNotFoundException>(() => client.Messages.GetV3Async("gone"));
        Assert.Equal("GET /v3/messages/{id}", error.Endpoint);
        await Assert.ThrowsAsync<ArgumentException>(() => client.Messages.GetV3Async(" "));
    }

    [Fact]
    public async Task ListIndexAsync_sends_limit_and_direction_and_reads_the_results_envelope()
    {
        var mock = new MockHttpMessageHandler();
        var route = mock.When(HttpMethod.Get, TestClients.Url("messages/c%201/index"))
            .WithExactQueryString("limit=200&direction=older")
            .Respond(Json.MediaType, """
                {"results": [
                  {"message_id": "m3", "parent_message_id": "m1", "status": "active", "created_at": "2026-03-01T10:02:00.000Z", "creator_id": "u2", "channel_id": "c 1"},
                  {"message_id": "m2", "parent_message_id": null, "status": "processing", "created_at": 1772359260000}
                ]}
                """);
        using var client = TestClients.Create(mock);

        var rows = await client.Messages.ListIndexAsync("c 1", new MessageIndexOptions { Limit = 200 });

        Assert.Equal(1, mock.GetMatchCount(route));
        Assert.Equal(["m3", "m2"], rows.Select(r => r.Id));
        Assert.Equal("m1", rows[0].ParentMessageId);
        Assert.Equal("u2", rows[0].CreatorId);
        Assert.Null(rows[1].ParentMessageId);
        Assert.Equal("processing", rows[1].Status);
        Assert.Equal(DateTimeOffset.Parse("2026-03-01T10:01:00Z", System.Globalization.CultureInfo.InvariantCulture), rows[1].CreatedAt);
        Assert.True(rows[0].AdditionalProperties!.ContainsKey("channel_id"));
    }

    [Fact]
    public async Task ListIndexAsync_reads_a_bare_array_and_other_id_spellings()
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Get, TestClients.Url("messages/c1/index"))
            .WithExactQueryString("direction=newer")
            .Respond(Json.MediaType, """[{"id": "m1"}, {"_id": "m2"}, {"message_id": "m3", "id": "ignored"}]""");
        using var client = TestClients.Create(mock);

        var rows = await client.Messages.ListIndexAsync("c1", new MessageIndexOptions { Direction = "NEWER" });

        Assert.Equal(["m1", "m2", "m3"], rows.Select(r => r.Id));
    }

    [Fact]
    public async Task ListIndexAsync_refuses_bad_options_without_a_request()
    {
        var mock = new MockHttpMessageHandler();
        using var client = TestClients.Create(mock);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.Messages.ListIndexAsync("c1", new MessageIndexOptions { Limit = 0 }));
        var direction = await Assert.ThrowsAsync<ArgumentException>(() => client.Messages.ListIndexAsync("c1", new MessageIndexOptions { Direction = "sideways" }));
        Assert.Equal("options.Direction", direction.ParamName);
        await Assert.ThrowsAsync<ArgumentException>(() => client.Messages.ListIndexAsync(""));
    }
}
