using System.IO.Compression;

namespace CarbonVoice.Sdk.Testing;

/// <summary>Compresses a response body and names its encoding, as a compressing server or gateway does.</summary>
internal static class ContentEncodings
{
    public static void Encode(EmulatorResponse response, FaultKind kind)
    {
        var (name, body) = kind switch
        {
            FaultKind.GzipBody => ("gzip", Compress(response.Body, stream => new GZipStream(stream, CompressionLevel.Fastest, leaveOpen: true))),
            FaultKind.BrotliBody => ("br", Compress(response.Body, stream => new BrotliStream(stream, CompressionLevel.Fastest, leaveOpen: true))),
            FaultKind.DeflateBody => ("deflate", Compress(response.Body, stream => new ZLibStream(stream, CompressionLevel.Fastest, leaveOpen: true))),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a content encoding."),
        };
        response.Body = body;
        response.AddHeader("Content-Encoding", name);
    }

    private static byte[] Compress(byte[] body, Func<Stream, Stream> encoder)
    {
        using var output = new MemoryStream();
        using (var compressor = encoder(output))
        {
            compressor.Write(body);
        }

        return output.ToArray();
    }
}
