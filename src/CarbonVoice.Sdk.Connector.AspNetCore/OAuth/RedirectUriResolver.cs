using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace CarbonVoice.Sdk.Connector.AspNetCore;

/// <summary>
/// The OAuth redirect URI of a new authorization. Replace it with <c>UseRedirectUriResolver&lt;T&gt;()</c>; never build it
/// from the request's <c>Host</c> header (a forged host would send the user's authorization code elsewhere).
/// </summary>
public interface IOAuthRedirectUriResolver
{
    /// <summary>The redirect URI of a new authorization (it must be registered with the Carbon Voice app).</summary>
    Uri Resolve();
}

/// <summary>
/// The default: the configured <c>CarbonVoice:RedirectUri</c> (<c>CARBONVOICE_REDIRECT_URI</c>, registered with the app), or,
/// with <see cref="CarbonVoiceConnectorEndpointsOptions.UseServerAddressForRedirectUri"/>, the callback on the address this
/// server is bound to (a development host whose emulator accepts any local callback).
/// </summary>
internal sealed class RedirectUriResolver(
    IOptionsMonitor<CarbonVoiceOptions> sdkOptions, IOptions<CarbonVoiceConnectorEndpointsOptions> options, ConnectorRoutes routes, IServer server) : IOAuthRedirectUriResolver
{
    public Uri Resolve()
    {
        if (!options.Value.UseServerAddressForRedirectUri)
        {
            return sdkOptions.CurrentValue.RedirectUri ?? throw new InvalidOperationException("CarbonVoice:RedirectUri is not configured.");
        }

        return new Uri(BoundOrigin(), routes.CallbackPath);
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
