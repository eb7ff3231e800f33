using System.Net;

namespace CarbonVoice.Sdk.Internal;

/// <summary>
/// The transports of the SDK decompress gzip, deflate and Brotli (and so send <c>Accept-Encoding: gzip, deflate, br</c>):
/// the one the non-DI client builds, and the primary handler of both named HTTP clients when nobody chose one for them.
/// A handler the caller supplies (<c>ConfigurePrimaryHandler</c>, the non-DI <c>primaryHandler</c>) is used as given.
/// </summary>
internal static class PrimaryHandlers
{
    /// <summary>The transport of the non-DI client.</summary>
    public static SocketsHttpHandler Create() => new()
    {
        AutomaticDecompression = DecompressionMethods.All,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    };

    /// <summary>
    /// Turns on decompression of the primary handler IHttpClientFactory built for a named client (its default, or the
    /// host's <c>ConfigureHttpClientDefaults</c> choice, kept with its proxy and certificate settings) when it has none.
    /// </summary>
    public static void EnableDecompression(HttpMessageHandler handler)
    {
        switch (handler)
        {
            case SocketsHttpHandler sockets when sockets.AutomaticDecompression == DecompressionMethods.None:
                sockets.AutomaticDecompression = DecompressionMethods.All;
                break;
            case HttpClientHandler client when client.SupportsAutomaticDecompression && client.AutomaticDecompression == DecompressionMethods.None:
                client.AutomaticDecompression = DecompressionMethods.All;
                break;
        }
    }
}
