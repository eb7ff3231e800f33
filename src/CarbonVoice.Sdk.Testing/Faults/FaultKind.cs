namespace CarbonVoice.Sdk.Testing;

/// <summary>A fault the emulator can inject into a response.</summary>
public enum FaultKind
{
    /// <summary>500 with the error body.</summary>
    Status500,

    /// <summary>502 with the error body.</summary>
    Status502,

    /// <summary>503 with the error body.</summary>
    Status503,

    /// <summary>The connection is reset (in-process: <see cref="HttpRequestException"/> with an inner <see cref="IOException"/>).</summary>
    ConnectionReset,

    /// <summary>The request is answered normally after <see cref="FaultInjector.Latency"/> (per the time provider).</summary>
    Latency,

    /// <summary>The normal answer with its body cut in half.</summary>
    TruncatedJson,

    /// <summary>200 with an invalid JSON body.</summary>
    MalformedJson,

    /// <summary>502 with <c>&lt;html&gt;502 Bad Gateway&lt;/html&gt;</c> as text/html.</summary>
    HtmlErrorPage,

    /// <summary>401 even with a valid token.</summary>
    TokenExpiredEarly,

    /// <summary>
    /// The normal status and headers (announcing the whole body) and the first half of the body are sent, then the
    /// connection is reset. In-process, reading the content throws an <see cref="IOException"/>; on Kestrel the
    /// connection is aborted.
    /// </summary>
    ResetMidBody,

    /// <summary>
    /// The normal status and headers are sent at once, then the body trickles in <see cref="FaultInjector.DripChunks"/>
    /// parts, each after <see cref="FaultInjector.DripInterval"/> on the emulator's time provider.
    /// </summary>
    SlowBody,

    /// <summary>The normal answer, gzip-compressed with <c>Content-Encoding: gzip</c> (whatever the request's <c>Accept-Encoding</c>).</summary>
    GzipBody,

    /// <summary>The normal answer, Brotli-compressed with <c>Content-Encoding: br</c> (whatever the request's <c>Accept-Encoding</c>).</summary>
    BrotliBody,

    /// <summary>The normal answer, zlib-compressed with <c>Content-Encoding: deflate</c> (whatever the request's <c>Accept-Encoding</c>).</summary>
    DeflateBody,
}
