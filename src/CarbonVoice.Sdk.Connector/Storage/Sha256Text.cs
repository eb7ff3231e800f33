using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace CarbonVoice.Sdk.Connector.Internal;

/// <summary>
/// SHA-256 over UTF-8 given in parts, without the whole being kept: text appended part by part (<see cref="Append(ReadOnlySpan{char})"/>),
/// or bytes written into it as a buffer writer, so a <see cref="System.Text.Json.Utf8JsonWriter"/> writing a canonical form
/// is hashed as it writes. One pooled buffer serves every part. A chunk's hash covers its whole text and metadata, which a
/// <see cref="StringBuilder"/>, its string and their UTF-8 bytes copied three times per chunk. Appended parts hash equal to
/// the concatenation's UTF-8 as long as no part boundary falls between the two halves of a surrogate pair (each lone half
/// encodes as U+FFFD either way): callers put a separator part between texts.
/// </summary>
internal sealed class Sha256Text : IBufferWriter<byte>, IDisposable
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(512);

    public Sha256Text Append(ReadOnlySpan<char> text)
    {
        Ensure(Encoding.UTF8.GetMaxByteCount(text.Length));
        _hash.AppendData(_buffer, 0, Encoding.UTF8.GetBytes(text, _buffer));
        return this;
    }

    public Sha256Text Append(char separator) => Append(new ReadOnlySpan<char>(in separator));

    /// <summary>Hashes the first <paramref name="count"/> bytes written into the buffer last handed out.</summary>
    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _buffer.Length);
        _hash.AppendData(_buffer, 0, count);
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer;
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer;
    }

    /// <summary>Lower-case hex of the first <paramref name="bytes"/> bytes of the hash (all 32 by default).</summary>
    public string ToHex(int bytes = SHA256.HashSizeInBytes)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        _hash.GetHashAndReset(hash);
        return Convert.ToHexStringLower(hash[..bytes]);
    }

    public void Dispose()
    {
        _hash.Dispose();
        ArrayPool<byte>.Shared.Return(_buffer);
    }

    private void Ensure(int size)
    {
        if (size > _buffer.Length)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = ArrayPool<byte>.Shared.Rent(size);
        }
    }
}
