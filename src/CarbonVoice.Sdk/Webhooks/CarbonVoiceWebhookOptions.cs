namespace CarbonVoice.Sdk;

/// <summary>
/// The static authentication header that Carbon Voice sends with each webhook (configured per app in Carbon
/// Voice as <c>webhooks_authentication_header</c>). Bound from <c>CarbonVoice:Webhooks</c>.
/// </summary>
public sealed class CarbonVoiceWebhookOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "CarbonVoice:Webhooks";

    /// <summary>The header name; default <c>X-Webhook-Secret</c>.</summary>
    public string HeaderName { get; set; } = "X-Webhook-Secret";

    /// <summary>The expected header value (environment variable <c>CARBONVOICE_WEBHOOK_SECRET</c>). Never logged.</summary>
    public string? Secret { get; set; }
}
