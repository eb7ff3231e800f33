using System.Text;

namespace CarbonVoice.Sdk.Tests.Webhooks;

public class WebhookPayloadFieldTests
{
    [Theory]
    [InlineData("""{"eventName":"message.created","data":{"eventName":"message.created","resourceId":"m1","resourceType":"Message","resource":{}}}""")]
    [InlineData("""{"eventName":"message.created","subscribedUserIds":null,"data":{"resourceId":"m1"}}""")]
    public void Missing_or_null_subscribed_user_ids_parse_as_empty(string body)
    {
        var parsed = CarbonVoiceWebhooks.Parse(Encoding.UTF8.GetBytes(body));

        Assert.NotNull(parsed.SubscribedUserIds);
        Assert.Empty(parsed.SubscribedUserIds);
    }

    [Fact]
    public void Null_and_empty_subscribed_user_ids_are_dropped()
    {
        var parsed = CarbonVoiceWebhooks.Parse("""{"eventName":"message.created","subscribedUserIds":["u1",null,"","u2"]}"""u8);

        Assert.Equal(["u1", "u2"], parsed.SubscribedUserIds);
    }

    [Fact]
    public void Numbers_where_strings_belong_are_read_as_their_text_like_every_string_field()
    {
        var parsed = CarbonVoiceWebhooks.Parse("""{"eventName":42,"subscribedUserIds":[1,2]}"""u8);

        Assert.Equal("42", parsed.EventName);
        Assert.Equal(["1", "2"], parsed.SubscribedUserIds);
    }

    [Theory]
    [InlineData("""{"eventName":"message.created","subscribedUserIds":"u1"}""", "subscribedUserIds")]
    [InlineData("""{"eventName":"message.created","data":"x"}""", "data")]
    [InlineData("""{"subscribedUserIds":[]}""", "eventName")]
    public void An_unusable_field_is_named(string body, string field)
    {
        var error = Assert.Throws<CarbonVoiceWebhookPayloadException>(() => CarbonVoiceWebhooks.Parse(Encoding.UTF8.GetBytes(body)));

        Assert.Equal(field, error.Field);
        Assert.Contains(field, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_body_that_is_not_json_names_no_field()
    {
        var error = Assert.Throws<CarbonVoiceWebhookPayloadException>(() => CarbonVoiceWebhooks.Parse("not json"u8));

        Assert.Null(error.Field);
    }
}
