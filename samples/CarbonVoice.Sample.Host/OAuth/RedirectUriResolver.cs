using CarbonVoice.Sample.Host.Backend;
using CarbonVoice.Sdk;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace CarbonVoice.Sample.Host.OAuth;

/// <summary>
/// The OAuth redirect URI, never taken from the request's <c>Host</c> header (a forged host would send the user's
/// authorization code elsewhere): with real credentials the configured <c>CarbonVoice:RedirectUri</c>
/// (<c>CARBONVOICE_REDIRECT_URI</c>, registered with the app); on the embedded emulator the callback on the address this
/// server is bound to.
/// </summary>
public sealed class RedirectUriResolver(CarbonVoiceBackend backend, IOptionsMonitor<CarbonVoiceOptions> sdkOptions, IServer server)
{
    /// <summary>The redirect URI of a new authorization.</summary>
    public Uri Resolve()
    {
        if (!backend.IsEmbedded)
        {
            return sdkOptions.CurrentValue.RedirectUri ?? throw new InvalidOperationException("CarbonVoice:RedirectUri is not configured.");
        }

        return new Uri(BoundOrigin(), OAuthFlow.CallbackPath);
    }

    /// <summary>The first address the server listens on, with a wildcard host (0.0.0.0, [::], +, *) read as localhost; <c>http://localhost/</c> when the server reports none (an in-memory test server).</summary>
    private Uri BoundOrigin()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses
            .Select(a => a.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal)
                .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal).Replace("://[::]", "://localhost", StringComparison.Ordinal))
            .FirstOrDefault(a => Uri.TryCreate(a, UriKind.Absolute, out _));
        return new Uri(address is null ? "http://localhost/" : address.TrimEnd('/') + "/");
    }
}
