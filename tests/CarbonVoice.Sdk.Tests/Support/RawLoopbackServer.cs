using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CarbonVoice.Sdk.Tests.Support;

/// <summary>
/// A minimal HTTP/1.1 server on 127.0.0.1 (any free port) that records each request's header block and answers every
/// request with one gzip-compressed JSON body (<c>Connection: close</c>). For tests of the SDK's own transport, which a
/// MockHttp handler would replace.
/// </summary>
internal sealed class RawLoopbackServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly byte[] _body;
    private readonly Task _loop;

    public RawLoopbackServer(string json)
    {
        using (var output = new MemoryStream())
        {
            using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
            {
                gzip.Write(Encoding.UTF8.GetBytes(json));
            }

            _body = output.ToArray();
        }

        _listener.Start();
        BaseAddress = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _loop = AcceptAsync();
    }

    public Uri BaseAddress { get; }

    /// <summary>The header blocks received (request line and headers), one per request.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            using var socket = await _listener.AcceptTcpClientAsync(_stop.Token);
            await using var stream = socket.GetStream();
            Requests.Enqueue(await ReadHeadersAsync(stream));
            var head = $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: {_body.Length}\r\nConnection: close\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head), _stop.Token);
            await stream.WriteAsync(_body, _stop.Token);
        }
    }

    private async Task<string> ReadHeadersAsync(NetworkStream stream)
    {
        var received = new List<byte>();
        var buffer = new byte[1];
        while (received.Count < 64 * 1024 && await stream.ReadAsync(buffer, _stop.Token) == 1)
        {
            received.Add(buffer[0]);
            if (received.Count >= 4 && received[^4] == '\r' && received[^3] == '\n' && received[^2] == '\r' && received[^1] == '\n')
            {
                break;
            }
        }

        return Encoding.ASCII.GetString([.. received]);
    }
}
