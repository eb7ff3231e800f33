using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace CarbonVoice.Sdk.Connector.Internal;

/// <summary>
/// tiktoken's byte-pair merge over a vocabulary whose ranks are the tokens' order (cl100k_base's), in O(n log n): the
/// parts of the piece are a linked list, the candidate merges a heap ordered by rank then position, so the lowest-ranked
/// pair (the leftmost of equals) is merged first, exactly as the tokenizer's quadratic scan does. Used for long stretches
/// of a piece that no boundary between characters cuts (a URL's letters), where the tokenizer's encoder is slow.
/// </summary>
internal sealed class BytePairEncoder
{
    private const int NoRank = int.MaxValue;

    private readonly byte[] _bytes;
    private readonly int[] _offsets;

    // Open addressing: token id + 1 by hash of its bytes (0: empty); pairs of bytes directly (rank + 1, 0: none).
    private readonly int[] _table;
    private readonly int[] _pairs = new int[65536];

    /// <summary>Indexes a vocabulary: token <c>i</c> has rank <c>i</c>.</summary>
    public BytePairEncoder(IReadOnlyList<byte[]> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        _offsets = new int[tokens.Count + 1];
        for (var i = 0; i < tokens.Count; i++)
        {
            _offsets[i + 1] = _offsets[i] + tokens[i].Length;
        }

        _bytes = new byte[_offsets[^1]];
        var size = 16;
        while (size < tokens.Count * 2)
        {
            size <<= 1;
        }

        _table = new int[size];
        for (var id = 0; id < tokens.Count; id++)
        {
            var token = tokens[id];
            token.CopyTo(_bytes, _offsets[id]);
            if (Rank(token) >= 0)
            {
                continue; // a duplicate keeps the first (lowest) rank
            }

            var slot = Hash(token) & (size - 1);
            while (_table[slot] != 0)
            {
                slot = (slot + 1) & (size - 1);
            }

            _table[slot] = id + 1;
            if (token.Length == 2 && _pairs[(token[0] << 8) | token[1]] == 0)
            {
                _pairs[(token[0] << 8) | token[1]] = id + 1;
            }
        }
    }

    /// <summary>The rank of a byte sequence that is a token, or -1.</summary>
    public int Rank(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length == 2)
        {
            return _pairs[(bytes[0] << 8) | bytes[1]] - 1;
        }

        var mask = _table.Length - 1;
        for (var slot = Hash(bytes) & mask; ; slot = (slot + 1) & mask)
        {
            var entry = _table[slot];
            if (entry == 0)
            {
                return -1;
            }

            var id = entry - 1;
            if (_bytes.AsSpan(_offsets[id], _offsets[id + 1] - _offsets[id]).SequenceEqual(bytes))
            {
                return id;
            }
        }
    }

    /// <summary>
    /// Encodes <paramref name="piece"/> (every single byte must be a token) and returns its number of tokens; with
    /// <paramref name="tokens"/>, adds each token's id and the offset of the byte after it, in order.
    /// </summary>
    public int Encode(ReadOnlySpan<byte> piece, List<(int Id, int End)>? tokens = null)
    {
        var n = piece.Length;
        if (n <= 1)
        {
            if (n == 1)
            {
                tokens?.Add((IdOf(piece), 1));
            }

            return n;
        }

        // next[s]: the start of the part after the one starting at s (n at the end, -1 once s is merged away);
        // rank[s]: the rank of the part at s merged with the next one (NoRank if none).
        var next = ArrayPool<int>.Shared.Rent(n);
        var previous = ArrayPool<int>.Shared.Rent(n);
        var rank = ArrayPool<int>.Shared.Rent(n);
        var heap = new Heap(n + 16);
        try
        {
            for (var s = 0; s < n; s++)
            {
                next[s] = s + 1;
                previous[s] = s - 1;
                rank[s] = s + 1 < n ? _pairs[(piece[s] << 8) | piece[s + 1]] - 1 : -1;
                if (rank[s] < 0)
                {
                    rank[s] = NoRank;
                }
                else
                {
                    heap.Push(rank[s], s);
                }
            }

            var parts = n;
            while (heap.TryPop(out var popped, out var start))
            {
                if (next[start] < 0 || rank[start] != popped)
                {
                    continue; // stale: the part was merged away, or its neighbour changed
                }

                // Merge the part at start with the next one; then the pairs it now makes with its neighbours.
                var merged = next[start];
                var end = next[merged];
                next[start] = end;
                next[merged] = -1;
                rank[merged] = NoRank;
                if (end < n)
                {
                    previous[end] = start;
                }

                parts--;
                rank[start] = end < n ? RankOrNone(piece[start..next[end]]) : NoRank;
                if (rank[start] != NoRank)
                {
                    heap.Push(rank[start], start);
                }

                var before = previous[start];
                if (before >= 0)
                {
                    rank[before] = RankOrNone(piece[before..end]);
                    if (rank[before] != NoRank)
                    {
                        heap.Push(rank[before], before);
                    }
                }
            }

            if (tokens is not null)
            {
                for (var s = 0; s < n; s = next[s])
                {
                    tokens.Add((IdOf(piece[s..next[s]]), next[s]));
                }
            }

            return parts;
        }
        finally
        {
            heap.Dispose();
            ArrayPool<int>.Shared.Return(next);
            ArrayPool<int>.Shared.Return(previous);
            ArrayPool<int>.Shared.Return(rank);
        }
    }

    private int IdOf(ReadOnlySpan<byte> part) => Rank(part) is var id and >= 0 ? id : throw new InvalidOperationException($"The bytes {Convert.ToHexString(part)} are not a token: the vocabulary lacks a single byte.");

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int RankOrNone(ReadOnlySpan<byte> bytes) => Rank(bytes) is var id and >= 0 ? id : NoRank;

    private static int Hash(ReadOnlySpan<byte> bytes)
    {
        var hash = (ulong)bytes.Length * 0x9E3779B97F4A7C15UL;
        var i = 0;
        for (; i + 8 <= bytes.Length; i += 8)
        {
            hash = (hash ^ BinaryPrimitives.ReadUInt64LittleEndian(bytes[i..])) * 0xBF58476D1CE4E5B9UL;
        }

        var tail = 0UL;
        for (var shift = 0; i < bytes.Length; i++, shift += 8)
        {
            tail |= (ulong)bytes[i] << shift;
        }

        hash = (hash ^ tail) * 0x94D049BB133111EBUL;
        return (int)((hash ^ (hash >> 31)) & int.MaxValue);
    }

    /// <summary>A binary min-heap of (rank, start), packed so that the order is by rank, then by start.</summary>
    private struct Heap(int capacity) : IDisposable
    {
        private long[] _items = ArrayPool<long>.Shared.Rent(Math.Max(capacity, 4));
        private int _count;

        public void Push(int rank, int start)
        {
            if (_count == _items.Length)
            {
                var larger = ArrayPool<long>.Shared.Rent(_items.Length * 2);
                _items.AsSpan(0, _count).CopyTo(larger);
                ArrayPool<long>.Shared.Return(_items);
                _items = larger;
            }

            var item = ((long)rank << 32) | (uint)start;
            var i = _count++;
            while (i > 0)
            {
                var parent = (i - 1) / 2;
                if (_items[parent] <= item)
                {
                    break;
                }

                _items[i] = _items[parent];
                i = parent;
            }

            _items[i] = item;
        }

        public bool TryPop(out int rank, out int start)
        {
            if (_count == 0)
            {
                (rank, start) = (0, 0);
                return false;
            }

            var top = _items[0];
            var last = _items[--_count];
            var i = 0;
            while (true)
            {
                var child = (2 * i) + 1;
                if (child >= _count)
                {
                    break;
                }

                if (child + 1 < _count && _items[child + 1] < _items[child])
                {
                    child++;
                }

                if (last <= _items[child])
                {
                    break;
                }

                _items[i] = _items[child];
                i = child;
            }

            _items[i] = last;
            (rank, start) = ((int)(top >> 32), (int)(top & uint.MaxValue));
            return true;
        }

        public readonly void Dispose() => ArrayPool<long>.Shared.Return(_items);
    }
}
