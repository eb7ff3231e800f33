using System.Text;

namespace CarbonVoice.Sdk.Tests.Webhooks;

public class WebhookDeliveryKeyTests
{
    private const string Message = """{"eventName":"message.finished","subscribedUserIds":["u1","u2"],"data":{"eventName":"message.finished","resourceId":"m1","resourceType":"Message","resource":{"id":"m1","channel_id":"c1","created_at":"2026-02-03T09:46:10.492Z","last_updated_at":"2026-02-03T09:47:00Z","status":"active"}}}""";

    /// <summary>The same event as <see cref="Message"/>, re-serialised: other key order, whitespace, escapes, subscriber order and timestamp spelling.</summary>
    private const string MessageReserialised = """
        {
          "data": {
            "resource": { "status": "active", "last_updated_at": "2026-02-03T09:47:00.000+00:00", "channel_id": "c1", "id": "m\u0031", "created_at": "2026-02-03T09:46:10.492Z" },
            "resourceType": "Message", "resourceId": "m1", "eventName": "message.finished"
          },
          "subscribedUserIds": [ "u2", "u1" ],
          "eventName": "message.finished"
        }
        """;

    private static string KeyOf(string body) => CarbonVoiceWebhooks.GetDeliveryKey(CarbonVoiceWebhooks.Parse(Encoding.UTF8.GetBytes(body)), Encoding.UTF8.GetBytes(body));

    [Fact]
    public void The_same_event_reserialised_has_the_same_key()
    {
        Assert.StartsWith("event:", KeyOf(Message), StringComparison.Ordinal);
        Assert.Equal(KeyOf(Message), KeyOf(MessageReserialised));
    }

    [Fact]
    public void A_later_change_of_the_same_resource_has_another_key()
        => Assert.NotEqual(KeyOf(Message), KeyOf(Message.Replace("09:47:00Z", "09:48:00Z", StringComparison.Ordinal)));

    [Fact]
    public void Another_event_about_the_same_resource_state_has_another_key()
        => Assert.NotEqual(KeyOf(Message), KeyOf(Message.Replace("message.finished", "message.posted.to.channel", StringComparison.Ordinal)));

    [Fact]
    public void The_same_event_for_other_subscribers_has_another_key()
        => Assert.NotEqual(KeyOf(Message), KeyOf(Message.Replace("\"u1\",\"u2\"", "\"u3\"", StringComparison.Ordinal)));

    [Fact]
    public void Epoch_timestamps_identify_an_event_too()
    {
        var workspace = """{"eventName":"workspace.user.joined","subscribedUserIds":["u1"],"data":{"resourceId":"w1","resourceType":"Workspace","resource":{"id":"w1","updated_at":1770112000000}}}""";

        Assert.StartsWith("event:", KeyOf(workspace), StringComparison.Ordinal);
        Assert.NotEqual(KeyOf(workspace), KeyOf(workspace.Replace("1770112000000", "1770112000001", StringComparison.Ordinal)));
    }

    [Fact]
    public void An_event_without_a_resource_timestamp_falls_back_to_the_canonical_body()
    {
        var expired = """{"eventName":"access_token.expired","subscribedUserIds":["u1"],"data":{"eventName":"access_token.expired","resourceId":"u1","resourceType":"User","resource":{}}}""";
        var reordered = """{ "data": { "resource": { }, "resourceType": "User", "resourceId": "u1", "eventName": "access_token.expired" }, "subscribedUserIds": ["u1"], "eventName": "access_token.expired" }""";

        Assert.StartsWith("body:", KeyOf(expired), StringComparison.Ordinal);
        Assert.Equal(KeyOf(expired), KeyOf(reordered));
        Assert.NotEqual(KeyOf(expired), KeyOf(expired.Replace("\"resource\":{}", "\"resource\":{\"n\":1}", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_subscriber_list_without_an_event_identity_is_part_of_the_body_key()
    {
        var noId = """{"eventName":"message.created","subscribedUserIds":["u1"],"data":{"resource":{"created_at":"2026-02-03T09:46:10Z"}}}""";

        Assert.StartsWith("body:", KeyOf(noId), StringComparison.Ordinal);
        Assert.NotEqual(KeyOf(noId), KeyOf(noId.Replace("u1", "u2", StringComparison.Ordinal)));
    }
}
