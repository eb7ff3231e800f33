using CarbonVoice.Sdk;
using CarbonVoice.Sdk.Connector.AspNetCore;
using Microsoft.Extensions.Options;

namespace CarbonVoice.Sample.Host.Backend;

/// <summary>
/// In embedded mode, points the SDK at the emulator with its default client, matches the webhook secret, and tells the
/// connector's routes that the back end is the emulator (its consent page's address for <c>/info</c>, the redirect URI
/// on the port this host is bound to).
/// </summary>
internal sealed class EmbeddedBackendOptionsSetup(CarbonVoiceBackend backend) :
    IPostConfigureOptions<CarbonVoiceOptions>,
    IPostConfigureOptions<CarbonVoiceWebhookOptions>,
    IPostConfigureOptions<CarbonVoiceConnectorEndpointsOptions>
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

    public void PostConfigure(string? name, CarbonVoiceConnectorEndpointsOptions options)
    {
        if (backend.IsEmbedded)
        {
            options.BackendName = "emulator";
            options.AuthorizationServer = backend.InProcess ? null : backend.ApiAddress;
            options.UseServerAddressForRedirectUri = true;
        }
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
