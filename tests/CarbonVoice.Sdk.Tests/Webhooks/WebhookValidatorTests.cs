namespace CarbonVoice.Sdk.Tests.Webhooks;

public class WebhookValidatorTests
{
    private static readonly CarbonVoiceWebhookValidator Validator = new(new CarbonVoiceWebhookOptions { Secret = "s3cr3t-value" });

    [Fact]
    public void Accepts_the_configured_value_under_the_default_header()
    {
        Assert.Equal("X-Webhook-Secret", Validator.HeaderName);
        Assert.True(Validator.IsValid("s3cr3t-value"));
        Assert.True(Validator.IsValid(name => name == "X-Webhook-Secret" ? ["s3cr3t-value"] : null));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("s3cr3t-valu")]
    [InlineData("s3cr3t-value ")]
    [InlineData("S3CR3T-VALUE")]
    public void Refuses_anything_else(string? presented) => Assert.False(Validator.IsValid(presented));

    [Fact]
    public void Refuses_a_header_sent_twice_or_missing()
    {
        Assert.False(Validator.IsValid(_ => ["s3cr3t-value", "s3cr3t-value"]));
        Assert.False(Validator.IsValid(_ => null));
    }

    [Fact]
    public void Without_a_configured_secret_everything_is_refused()
    {
        var validator = new CarbonVoiceWebhookValidator(new CarbonVoiceWebhookOptions { HeaderName = "X-CV-Auth" });

        Assert.False(validator.IsConfigured);
        Assert.False(validator.IsValid("anything"));
        Assert.Equal("X-CV-Auth", validator.HeaderName);
    }
}
