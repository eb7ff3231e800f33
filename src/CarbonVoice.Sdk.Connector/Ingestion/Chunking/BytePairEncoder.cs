using System.Buffers;
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

    // The rank of each token by its bytes; pairs of bytes directly (rank + 1, 0: none), the merge's most common lookup.
    private readonly Dictionary<byte[], int>.AlternateLookup<ReadOnlySpan<byte>> _ranks;
    private readonly int[] _pairs = new int[65536];

    /// <summary>Indexes a vocabulary: token <c>i</c> has rank <c>i</c>.</summary>
    public BytePairEncoder(IReadOnlyList<byte[]> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var ranks = new Dictionary<byte[], int>(tokens.Count, ByteSequenceComparer.Instance);
        for (var id = 0; id < tokens.Count; id++)
        {
            var token = tokens[id];

            // A duplicate keeps the first (lowest) rank.
            if (ranks.TryAdd(token, id) && token.Length == 2)
            {
                _pairs[(token[0] << 8) | token[1]] = id + 1;
            }
        }

        _ranks = ranks.GetAlternateLookup<ReadOnlySpan<byte>>();
    }

    /// <summary>The rank of a byte sequence that is a token, or -1.</summary>
    public int Rank(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length == 2)
        {
            return _pairs[(bytes[0] << 8) | bytes[1]] - 1;
        }

        return _ranks.TryGetValue(bytes, out var id) ? id : -1;
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
        // Candidate merges by rank, then by position (the leftmost of equal ranks first).
        var heap = new PriorityQueue<int, long>(n);
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
                    heap.Enqueue(s, Priority(rank[s], s));
                }
            }

            var parts = n;
            while (heap.TryDequeue(out var start, out var priority))
            {
                if (next[start] < 0 || rank[start] != (int)(priority >> 32))
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
                    heap.Enqueue(start, Priority(rank[start], start));
                }

                var before = previous[start];
                if (before >= 0)
                {
                    rank[before] = RankOrNone(piece[before..end]);
                    if (rank[before] != NoRank)
                    {
                        heap.Enqueue(before, Priority(rank[before], before));
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
            ArrayPool<int>.Shared.Return(next);
            ArrayPool<int>.Shared.Return(previous);
            ArrayPool<int>.Shared.Return(rank);
        }
    }

    private int IdOf(ReadOnlySpan<byte> part) => Rank(part) is var id and >= 0 ? id : throw new InvalidOperationException($"The bytes {Convert.ToHexString(part)} are not a token: the vocabulary lacks a single byte.");

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int RankOrNone(ReadOnlySpan<byte> bytes) => Rank(bytes) is var id and >= 0 ? id : NoRank;

    private static long Priority(int rank, int start) => ((long)rank << 32) | (uint)start;

    /// <summary>Byte sequences compared by content, looked up by span without copying.</summary>
    private sealed class ByteSequenceComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
    {
        public static readonly ByteSequenceComparer Instance = new();

        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj) => GetHashCode((ReadOnlySpan<byte>)obj);

        public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

        public int GetHashCode(ReadOnlySpan<byte> alternate)
        {
            var hash = default(HashCode);
            hash.AddBytes(alternate);
            return hash.ToHashCode();
        }

        public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();
    }
}
