using System.Buffers;
using System.Net;

namespace CarbonVoice.Sdk.Internal;

/// <summary>
/// A response body read into one buffer rented from <see cref="ArrayPool{T}.Shared"/> (by <see cref="ResponseBufferingHandler"/>):
/// readers take <see cref="Memory"/> without a copy; the buffer goes back to the pool when the content (the response) is disposed.
/// </summary>
internal sealed class PooledBodyContent : HttpContent
{
    private byte[]? _buffer;
    private readonly int _length;

    private PooledBodyContent(byte[] buffer, int length)
    {
        _buffer = buffer;
        _length = length;
    }

    /// <summary>The body; valid until the content is disposed.</summary>
    public ReadOnlyMemory<byte> Memory => new(_buffer ?? throw new ObjectDisposedException(nameof(PooledBodyContent)), 0, _length);

    /// <summary>
    /// Reads <paramref name="stream"/> to its end into a pooled buffer sized from <paramref name="announced"/> when known.
    /// More than <paramref name="maxBytes"/> bytes throw <see cref="ResponseTooLargeException"/>; the buffer is returned on any failure.
    /// </summary>
    public static async Task<PooledBodyContent> ReadAsync(Stream stream, long? announced, long maxBytes, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(announced is { } length and > 0 ? (int)Math.Min(length + 1, Array.MaxLength) : 16_384);
        var filled = 0;
        try
        {
            while (true)
            {
                if (filled == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, Array.MaxLength));
                    buffer.AsSpan(0, filled).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return new PooledBodyContent(buffer, filled);
                }

                filled += read;
                if (filled > maxBytes)
                {
                    throw new ResponseTooLargeException(maxBytes, announced);
                }
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        => stream.WriteAsync(Memory).AsTask();

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        => stream.WriteAsync(Memory, cancellationToken).AsTask();

    protected override Task<Stream> CreateContentReadStreamAsync()
        => Task.FromResult<Stream>(new MemoryStream(_buffer ?? throw new ObjectDisposedException(nameof(PooledBodyContent)), 0, _length, writable: false));

    protected override bool TryComputeLength(out long length)
    {
        length = _length;
        return true;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _buffer, null) is { } buffer)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        base.Dispose(disposing);
    }
}
