using System.Net;

namespace CarbonVoice.Sdk.Internal;

/// <summary>
/// The transport the SDK builds when the caller gives none (the non-DI client and both named HTTP clients): a
/// <see cref="SocketsHttpHandler"/> that sends <c>Accept-Encoding: gzip, deflate, br</c> and decompresses such answers.
/// A handler the caller supplies is used as given.
/// </summary>
internal static class PrimaryHandlers
{
    public static SocketsHttpHandler Create() => new()
    {
        AutomaticDecompression = DecompressionMethods.All,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    };
}
