using System.Net;
using CarbonVoice.Sdk.Tests.Support;
using RichardSzalay.MockHttp;

namespace CarbonVoice.Sdk.Tests.Serialization;

/// <summary>A well-formed body of an unexpected shape says where (the JSON path) and what (the type expected, the kind found).</summary>
public class ShapeMismatchMessageTests
{
    [Theory]
    [InlineData("""{"id":"m0","content":{"duration_ms":"long"}}""", "$.data[1].content.duration_ms", "expected a number (Int64); the string there could not be read as one")]
    [InlineData("""{"id":"m0","content":{"duration_ms":{"ms":1200}}}""", "$.data[1].content.duration_ms", "expected a number (Int64), found an object")]
    [InlineData("""{"id":"m0","content":"just text"}""", "$.data[1].content", "expected an object (MessageV6Content), found a string")]
    [InlineData("""{"id":"m0","attachments":{"id":"a1"}}""", "$.data[1].attachments", "expected an array (IReadOnlyList<MessageAttachment>), found an object")]
    [InlineData("""{"id":"m0","attachments":[{"id":"a1"},{"id":"a2","length_in_bytes":[1]}]}""", "$.data[1].attachments[1].length_in_bytes", "expected a number (Int64), found an array")]
    [InlineData("""{"id":"m0","status":{"code":"active"}}""", "$.data[1].status", "expected a string, found an object")]
    [InlineData("""{"id":"m0","tagged_user_ids":["u1",["u2"]]}""", "$.data[1].tagged_user_ids[1]", "expected a string, found an array")]
    [InlineData("""{"id":"m0","created_at":"the day before yesterday"}""", "$.data[1].created_at", "expected a timestamp (DateTimeOffset: ISO-8601, or epoch seconds or milliseconds); the string there could not be read as one")]
    [InlineData("""{"id":"m0","created_at":true}""", "$.data[1].created_at", "expected a timestamp (DateTimeOffset: ISO-8601, or epoch seconds or milliseconds), found a boolean")]
    [InlineData("""{"status":"active"}""", "$.data[1]", "an object (MessageV6) without its required property 'id'")]
    public async Task A_feed_item_of_an_unexpected_shape_names_the_path_and_the_expected_type(string secondItem, string path, string what)
    {
        using var mock = new MockHttpMessageHandler();
        mock.When(TestClients.Url("v6/messages")).Respond(Json.MediaType, $$"""{"data":[{"id":"ok"},{{secondItem}}],"has_more":false}""");
        using var client = TestClients.Create(mock);

        var error = await Assert.ThrowsAsync<CarbonVoiceMalformedResponseException>(() => client.Messages.ListHistoryAsync(new MessageFeedOptions { ConversationId = "c1" }).ToListAsync());

        Assert.Equal($"Carbon Voice GET /v6/messages answered 200 with JSON of an unexpected shape at {path}: {what}; the response could not be read.", error.Message);
        Assert.Equal("GET /v6/messages", error.Endpoint);
    }

    [Theory]
    [InlineData("""[{"id":"w1"},{"id":"w2","created_at":{}}]""", "$[1].created_at")]
    [InlineData("""{"workspaces":[{"id":"w1"},{"id":"w2","created_at":{}}]}""", "$.workspaces[1].created_at")]
    [InlineData("""{"results":[{"id":"w2","created_at":{}}],"has_more":false}""", "$.results[0].created_at")]
    public async Task The_path_into_a_list_includes_its_envelope_and_index(string body, string path)
    {
        using var mock = new MockHttpMessageHandler();
        mock.When(TestClients.Url("v5/workspaces")).Respond(Json.MediaType, body);
        using var client = TestClients.Create(mock);

        var error = await Assert.ThrowsAsync<CarbonVoiceMalformedResponseException>(() => client.Workspaces.ListAsync().ToListAsync());

        Assert.Contains($"at {path}: expected a timestamp", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_path_into_a_wrapped_object_includes_the_wrapper()
    {
        using var mock = new MockHttpMessageHandler();
        mock.When(TestClients.Url("v5/messages/m1")).Respond(Json.MediaType, """{"message":{"id":"m1","created_at":{"at":5}}}""");
        using var client = TestClients.Create(mock);

        var error = await Assert.ThrowsAsync<CarbonVoiceMalformedResponseException>(() => client.Messages.GetAsync("m1"));

        Assert.Contains("at $.message.created_at: expected a timestamp", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"data":[{"id":"ok"},{"id":"m1","content":{"duration_ms":12""")]
    [InlineData("""{"data":[{"id":"ok"},{"id":"m1",,}],"has_more":false}""")]
    public async Task Broken_json_is_still_reported_as_malformed_or_truncated(string body)
    {
        using var mock = new MockHttpMessageHandler();
        mock.When(TestClients.Url("v6/messages")).Respond(Json.MediaType, body);
        using var client = TestClients.Create(mock);

        var error = await Assert.ThrowsAsync<CarbonVoiceMalformedResponseException>(() => client.Messages.ListHistoryAsync(new MessageFeedOptions { ConversationId = "c1" }).ToListAsync());

        Assert.Contains("answered 200 with malformed or truncated JSON at byte", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("unexpected shape", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"data":[{"id":"m1","created_at":"cv_pat_SuperSecretValue123"}],"has_more":false}""")]
    [InlineData("""{"data":[{"id":"m1","content":{"duration_ms":"cv_pat_SuperSecretValue123"}}],"has_more":false}""")]
    [InlineData("""{"data":[{"id":"m1","status":{"access_token":"cv_pat_SuperSecretValue123"}}],"has_more":false}""")]
    [InlineData("""{"data":[{"id":"m1","created_at":"eyJhbGciOiJIUzI1NiJ9.eyJTdXBlclNlY3JldCI6MX0.SuperSecretSignature"}],"has_more":false}""")]
    public async Task The_message_never_quotes_a_credential_of_the_body(string body)
    {
        using var mock = new MockHttpMessageHandler();
        mock.When(TestClients.Url("v6/messages")).Respond(Json.MediaType, body);
        using var client = TestClients.Create(mock);

        var error = await Assert.ThrowsAsync<CarbonVoiceMalformedResponseException>(() => client.Messages.ListHistoryAsync(new MessageFeedOptions { ConversationId = "c1" }).ToListAsync());

        Assert.Contains("unexpected shape at $.data[0]", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SuperSecret", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SuperSecret", error.ResponseBodyExcerpt, StringComparison.Ordinal);
        Assert.DoesNotContain("SuperSecret", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bare_string_where_an_object_belongs_says_so()
    {
        using var mock = new MockHttpMessageHandler();
        mock.When(TestClients.Url("whoami")).Respond(_ => Responses.Json(HttpStatusCode.OK, "\"hello\""));
        using var client = TestClients.Create(mock);

        var error = await Assert.ThrowsAsync<CarbonVoiceMalformedResponseException>(() => client.Users.WhoAmIAsync());

        Assert.Contains("unexpected shape at $: expected an object", error.Message, StringComparison.Ordinal);
    }
}
