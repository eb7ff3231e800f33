using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace CarbonVoice.Sdk.Connector.Internal;

/// <summary>
/// SHA-256 of a text given in parts, over the UTF-8 of the parts in order, without building the text: a chunk's hash covers
/// its whole text and metadata, which a <see cref="StringBuilder"/>, its string and their UTF-8 bytes copied three times per
/// chunk. Equal to the hash of the concatenation's UTF-8 as long as no part boundary falls between the two halves of a
/// surrogate pair (each lone half encodes as U+FFFD either way): callers put a separator part between texts.
/// </summary>
internal sealed class Sha256Text : IDisposable
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(512);

    public Sha256Text Append(ReadOnlySpan<char> text)
    {
        var most = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (most > _buffer.Length)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = ArrayPool<byte>.Shared.Rent(most);
        }

        _hash.AppendData(_buffer, 0, Encoding.UTF8.GetBytes(text, _buffer));
        return this;
    }

    public Sha256Text Append(char separator) => Append(new ReadOnlySpan<char>(in separator));

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
}
