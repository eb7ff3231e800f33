using CarbonVoice.Sdk.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CarbonVoice.Sdk.Tests.Core;

/// <summary>The transports the SDK builds ask for compressed answers and decompress them (a real socket on 127.0.0.1).</summary>
public sealed class CompressionTransportTests
{
    private const string Workspace = """{"id":"w1","name":"Compressed"}""";

    [Fact]
    public async Task The_non_di_client_sends_accept_encoding_and_reads_a_gzip_answer()
    {
        await using var server = new RawLoopbackServer(Workspace);
        using var client = new CarbonVoiceClient(TestClients.Options(o => o.BaseAddress = server.BaseAddress), new StaticAccessTokenProvider(TestClients.AccessToken));

        var workspace = await client.Workspaces.GetAsync("w1");

        Assert.Equal("Compressed", workspace.Name);
        AssertAcceptsCompression(Assert.Single(server.Requests));
    }

    [Fact]
    public async Task The_dependency_injection_client_sends_accept_encoding_and_reads_a_gzip_answer()
    {
        await using var server = new RawLoopbackServer(Workspace);
        var services = new ServiceCollection();
        services.AddCarbonVoice(o =>
        {
            o.BaseAddress = server.BaseAddress;
            o.AuthenticationMode = CarbonVoiceAuthenticationMode.ApiKey;
            o.ApiKey = "key-1";
        });
        await using var provider = services.BuildServiceProvider();

        var workspace = await provider.GetRequiredService<ICarbonVoiceClient>().Workspaces.GetAsync("w1");

        Assert.Equal("Compressed", workspace.Name);
        AssertAcceptsCompression(Assert.Single(server.Requests));
    }

    [Fact]
    public async Task The_dependency_injection_oauth_client_also_accepts_compression()
    {
        await using var server = new RawLoopbackServer("""{"access_token":"at-1","refresh_token":"rt-1","expires_in":3600}""");
        var services = new ServiceCollection();
        services.AddCarbonVoice(o =>
        {
            o.BaseAddress = server.BaseAddress;
            o.ClientId = "client";
            o.ClientSecret = "secret";
            o.RedirectUri = new Uri("https://app.test/cb");
            o.RetryBaseDelay = TimeSpan.Zero;
        });
        await using var provider = services.BuildServiceProvider();

        var token = await provider.GetRequiredService<IOAuthClient>().RefreshTokenAsync("rt-0");

        Assert.Equal("at-1", token.AccessToken);
        Assert.All(server.Requests, AssertAcceptsCompression);
    }

    [Fact]
    public async Task A_host_wide_default_handler_is_kept_and_made_to_decompress()
    {
        await using var server = new RawLoopbackServer(Workspace);
        var connections = 0;
        var services = new ServiceCollection();
        services.ConfigureHttpClientDefaults(http => http.ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
        {
            // The host's own transport (a proxy or certificate setting in real life): the SDK keeps it.
            ConnectCallback = async (context, cancellationToken) =>
            {
                Interlocked.Increment(ref connections);
                var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { NoDelay = true };
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
            },
        }));
        services.AddCarbonVoice(o =>
        {
            o.BaseAddress = server.BaseAddress;
            o.AuthenticationMode = CarbonVoiceAuthenticationMode.ApiKey;
            o.ApiKey = "key-1";
        });
        await using var provider = services.BuildServiceProvider();

        var workspace = await provider.GetRequiredService<ICarbonVoiceClient>().Workspaces.GetAsync("w1");

        Assert.Equal("Compressed", workspace.Name);
        Assert.Equal(1, connections);
        AssertAcceptsCompression(Assert.Single(server.Requests));
    }

    private static void AssertAcceptsCompression(string headers)
    {
        var line = headers.Split("\r\n").Single(l => l.StartsWith("Accept-Encoding:", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("gzip", line, StringComparison.Ordinal);
        Assert.Contains("deflate", line, StringComparison.Ordinal);
        Assert.Contains("br", line, StringComparison.Ordinal);
    }
}
