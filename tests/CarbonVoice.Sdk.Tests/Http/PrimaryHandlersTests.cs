using System.Net;
using CarbonVoice.Sdk.Internal;

namespace CarbonVoice.Sdk.Tests.Http;

/// <summary>The transport IHttpClientFactory built is made to decompress when nobody chose a decompression for it; a choice is kept.</summary>
public sealed class PrimaryHandlersTests
{
    [Fact]
    public void A_client_handler_without_decompression_is_made_to_decompress()
    {
        using var handler = new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None };

        PrimaryHandlers.EnableDecompression(handler);

        Assert.Equal(DecompressionMethods.All, handler.AutomaticDecompression);
    }

    [Fact]
    public void A_client_handler_whose_decompression_was_chosen_keeps_it()
    {
        using var handler = new HttpClientHandler { AutomaticDecompression = DecompressionMethods.GZip };

        PrimaryHandlers.EnableDecompression(handler);

        Assert.Equal(DecompressionMethods.GZip, handler.AutomaticDecompression);
    }

    [Fact]
    public void A_sockets_handler_whose_decompression_was_chosen_keeps_it()
    {
        using var handler = new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.Brotli };

        PrimaryHandlers.EnableDecompression(handler);

        Assert.Equal(DecompressionMethods.Brotli, handler.AutomaticDecompression);
    }
}
