namespace CarbonVoice.Sdk.Testing;

/// <summary>How the emulator delivers webhooks.</summary>
public sealed class WebhookOptions
{
    /// <summary>Name of the static authentication header sent with each delivery.</summary>
    public string HeaderName { get; set; } = "X-Webhook-Secret";

    /// <summary>Value of the static authentication header; when <see langword="null"/> the header is not sent.</summary>
    public string? HeaderValue { get; set; }

    /// <summary>Handler used to deliver webhooks (for in-process capture); defaults to a real socket handler.</summary>
    public HttpMessageHandler? Handler { get; set; }
}
