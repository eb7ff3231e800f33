using System.Net;

namespace CarbonVoice.Sdk.Tests.Http;

/// <summary>A transport stub for one handler under test: answers each request with the next response of a factory and keeps what it saw.</summary>
internal sealed class StubTransport(Func<HttpRequestMessage, HttpResponseMessage> respond) : HttpMessageHandler
{
    private readonly List<string?> _authorizations = [];

    /// <summary>The Authorization header of each request that reached the transport, in order.</summary>
    public IReadOnlyList<string?> Authorizations => _authorizations;

    public int Sent => _authorizations.Count;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _authorizations.Add(request.Headers.Authorization?.ToString());
        return Task.FromResult(respond(request));
    }
}

/// <summary>A body that says whether it was opened and whether it was disposed, and can break off part-way.</summary>
internal sealed class TrackedContent(byte[] bytes, bool announceLength = true) : HttpContent
{
    public bool Disposed { get; private set; }

    public bool Opened { get; private set; }

    /// <summary>Bytes after which reading fails like a reset connection.</summary>
    public int FailAfter { get; init; } = int.MaxValue;

    public static TrackedContent Text(string text) => new(System.Text.Encoding.UTF8.GetBytes(text));

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(bytes).AsTask();

    protected override Task<Stream> CreateContentReadStreamAsync()
    {
        Opened = true;
        return Task.FromResult<Stream>(new BreakingStream(bytes, FailAfter));
    }

    protected override bool TryComputeLength(out long length)
    {
        length = bytes.Length;
        return announceLength;
    }

    protected override void Dispose(bool disposing)
    {
        Disposed = true;
        base.Dispose(disposing);
    }

    private sealed class BreakingStream(byte[] bytes, int failAfter) : MemoryStream(bytes, writable: false)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
            => Position >= failAfter
                ? throw new IOException("The connection was reset.")
                : base.ReadAsync(buffer[..Math.Min(buffer.Length, Math.Max(1, failAfter - (int)Position))], cancellationToken);
    }
}

/// <summary>A response whose content is tracked.</summary>
internal static class Tracked
{
    public static HttpResponseMessage Response(HttpStatusCode status, TrackedContent content) => new(status) { Content = content };
}

/// <summary>A transport that answers each request with a script of its own (which may wait, on the test's clock, with the request's token).</summary>
internal sealed class ScriptedTransport(Func<int, CancellationToken, Task<HttpResponseMessage>> answer) : HttpMessageHandler
{
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        => answer(Interlocked.Increment(ref _calls), cancellationToken);
}
