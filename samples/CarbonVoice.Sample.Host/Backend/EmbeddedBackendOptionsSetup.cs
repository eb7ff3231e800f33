using CarbonVoice.Sdk;
using Microsoft.Extensions.Options;

namespace CarbonVoice.Sample.Host.Backend;

/// <summary>In embedded mode, points the SDK at the emulator with its default client and matches the webhook secret.</summary>
internal sealed class EmbeddedBackendOptionsSetup(CarbonVoiceBackend backend) :
    IPostConfigureOptions<CarbonVoiceOptions>,
    IPostConfigureOptions<CarbonVoiceWebhookOptions>
{
    /// <summary>The callback the emulator's default client registers.</summary>
    public static readonly Uri DefaultRedirectUri = new("http://localhost:8000/api/connectors/carbonvoice/oauth/callback");

    public void PostConfigure(string? name, CarbonVoiceOptions options)
    {
        if (!backend.IsEmbedded)
        {
            return;
        }

        options.BaseAddress = backend.ApiAddress!;
        options.AuthenticationMode = CarbonVoiceAuthenticationMode.OAuth;
        options.ClientId = CarbonVoiceBackend.EmulatorClientId;
        options.ClientSecret = CarbonVoiceBackend.EmulatorClientSecret;
        options.RedirectUri ??= DefaultRedirectUri;
    }

    public void PostConfigure(string? name, CarbonVoiceWebhookOptions options)
    {
        if (backend.IsEmbedded)
        {
            options.HeaderName = backend.WebhookHeaderName;
            options.Secret = backend.WebhookSecret;
        }
    }
}
