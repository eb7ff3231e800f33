using System.Text;

namespace CarbonVoice.Sdk.Tests.Webhooks;

public class WebhookParsingTests
{
    private const string MessagePayload = """
        {
          "eventName": "message.finished",
          "subscribedUserIds": ["u1", "u2"],
          "subscribedUserSettings": [{"user_id": "u1", "userId": "u1", "defaultLanguage": "en", "timezone": -300}],
          "data": {
            "eventName": "message.finished",
            "resourceId": "m1",
            "resourceType": "Message",
            "resource": {
              "id": "m1", "message_guid": "m1", "channel_id": "c1", "channel_guid": "c1",
              "workspace_guid": "w1", "creator_id": "u1", "created_at": "2026-02-03T09:46:10.492Z",
              "last_updated_at": 1770112000000, "transcript_txt": "Hello team 👋", "status": "active",
              "duration_ms": 5400, "reply_count": 0
            }
          },
          "delivery_attempt": 1
        }
        """;

    [Fact]
    public void Parses_the_real_payload_shape()
    {
        var parsed = CarbonVoiceWebhooks.Parse(Encoding.UTF8.GetBytes(MessagePayload));

        Assert.Equal("message.finished", parsed.EventName);
        Assert.Equal("message", parsed.Category);
        Assert.Equal(["u1", "u2"], parsed.SubscribedUserIds);
        Assert.Equal(-300, parsed.SubscribedUserSettings![0].Timezone);
        Assert.Equal("m1", parsed.Data!.ResourceId);
        Assert.Equal("Message", parsed.Data.ResourceType);
        Assert.True(parsed.AdditionalProperties!.ContainsKey("delivery_attempt"));
    }

    [Fact]
    public void Reads_the_message_resource_with_new_and_deprecated_names()
    {
        var message = CarbonVoiceWebhooks.ReadMessage(CarbonVoiceWebhooks.Parse(Encoding.UTF8.GetBytes(MessagePayload)));

        Assert.NotNull(message);
        Assert.Equal("m1", message.Id);
        Assert.Equal("c1", message.ChannelId);
        Assert.Equal("w1", message.WorkspaceId);
        Assert.Equal("Hello team 👋", message.Transcript);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1770112000000), message.LastUpdatedAt);
        Assert.Equal(5400, message.DurationMs);
        Assert.True(message.AdditionalProperties!.ContainsKey("reply_count"));
    }

    [Fact]
    public void Deprecated_aliases_alone_are_enough()
    {
        var body = """{"eventName":"message.deleted","subscribedUserIds":[],"data":{"eventName":"message.deleted","resourceId":"m9","resourceType":"Message","resource":{"message_guid":"m9","conversation_id":"c9","creator_guid":"u9"}}}""";

        var message = CarbonVoiceWebhooks.ReadMessage(CarbonVoiceWebhooks.Parse(Encoding.UTF8.GetBytes(body)));

        Assert.Equal("m9", message!.Id);
        Assert.Equal("c9", message.ChannelId);
        Assert.Equal("u9", message.CreatorId);
    }

    [Fact]
    public void Token_events_carry_no_message()
    {
        var body = """{"eventName":"refresh_token.expired","subscribedUserIds":["u1"],"data":{"eventName":"refresh_token.expired","resourceId":"u1","resourceType":"User","resource":{}}}""";

        var parsed = CarbonVoiceWebhooks.Parse(Encoding.UTF8.GetBytes(body));

        Assert.Equal("refresh_token", parsed.Category);
        Assert.Null(CarbonVoiceWebhooks.ReadMessage(parsed));
    }

    [Fact]
    public void Event_name_falls_back_to_the_data_object()
    {
        var parsed = CarbonVoiceWebhooks.Parse("""{"data":{"eventName":"channel.created","resourceId":"c1","resourceType":"Channel"}}"""u8);

        Assert.Equal("channel.created", parsed.EventName);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{\"eventName\": ")]
    [InlineData("{\"subscribedUserIds\": []}")]
    [InlineData("[]")]
    public void Bad_bodies_give_a_clear_error(string body)
    {
        var error = Assert.ThrowsAny<CarbonVoiceMalformedResponseException>(() => CarbonVoiceWebhooks.Parse(Encoding.UTF8.GetBytes(body)));

        Assert.Contains("webhook", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Parses_from_a_stream()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(MessagePayload));

        var parsed = await CarbonVoiceWebhooks.ParseAsync(stream);

        Assert.Equal("m1", parsed.Data!.ResourceId);
    }
}
