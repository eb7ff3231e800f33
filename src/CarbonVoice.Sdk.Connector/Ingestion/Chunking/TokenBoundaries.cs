using System.Runtime.CompilerServices;

namespace CarbonVoice.Sdk.Connector.Internal;

/// <summary>
/// Which boundaries between two characters of a byte-pair-encoded text no token of the vocabulary spans: a piece cut there
/// encodes to exactly the tokens of its two parts, so its parts can be encoded (and cached) on their own. Space-less CJK
/// text is mostly such boundaries (few cl100k tokens hold two CJK characters), English words almost never.
/// </summary>
/// <remarks>
/// <para>
/// Why a cut there is exact: the encoder starts from single bytes and only ever merges two neighbouring parts into one whose
/// bytes are a token, so every part it ever holds is a token (or a byte) occurring in the text. When no token occurring in
/// the text spans a boundary, no merge crosses it, and each side's merges are the ones it makes alone: at each step the
/// encoder merges the lowest-ranked pair (the leftmost of equals), which is also the lowest (leftmost) on its own side.
/// The tokenizer's shortcut (a piece that is itself a token is one token) agrees, as long as every token encodes to
/// itself; that holds for cl100k_base (a test checks all of its tokens).
/// </para>
/// <para>
/// What is recorded: the text is encoded to UTF-8 one character (or surrogate pair) at a time, so a boundary between two
/// characters is a byte position followed by a lead byte. For each token and each lead byte inside it, the token's bytes
/// on either side that belong to the two characters around that position: usually both characters whole (kept as a pair
/// of code points), or, for a token that starts or ends inside a character, a suffix of the first or a prefix of the
/// second (kept as byte fragments, checked only when a cheap filter on the two bytes at the boundary allows it).
/// A boundary is spanned when its two characters match one of those; anything in doubt counts as spanned.
/// </para>
/// </remarks>
internal sealed class TokenBoundaries
{
    private const ulong Empty = ulong.MaxValue;

    // Bits of the pair filter: one per hash of a pair key (2^17 bits, 16 KB), so that most unspanned boundaries take one load.
    private const int FilterBits = 17;

    // Pairs of whole characters, each key (left << 21) | right, in an open-addressing table, with a filter in front of it.
    private readonly ulong[] _pairs;
    private readonly ulong[] _pairFilter = new ulong[(1 << FilterBits) / 64];

    // Pairs where a token starts or ends inside one of the two characters, by the two bytes at the boundary (the last byte
    // of the left character, the first of the right), with one bit per such edge in front of them.
    private readonly Dictionary<int, Fragment[]> _fragments = [];
    private readonly ulong[] _fragmentEdges = new ulong[65536 / 64];

    /// <summary>Analyses a vocabulary given as the byte sequences of its tokens.</summary>
    public TokenBoundaries(IEnumerable<byte[]> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var pairs = new HashSet<ulong>();
        var fragments = new Dictionary<int, HashSet<Fragment>>();
        foreach (var token in tokens)
        {
            Add(token, pairs, fragments);
        }

        foreach (var (edge, set) in fragments)
        {
            _fragments[edge] = [.. set];
            _fragmentEdges[edge >> 6] |= 1UL << (edge & 63);
            FragmentCount += set.Count;
        }

        var size = 16;
        while (size < pairs.Count * 4)
        {
            size <<= 1;
        }

        _pairs = new ulong[size];
        Array.Fill(_pairs, Empty);
        foreach (var key in pairs)
        {
            var slot = Slot(key);
            while (_pairs[slot] != Empty)
            {
                slot = (slot + 1) & (_pairs.Length - 1);
            }

            _pairs[slot] = key;
            var bit = FilterBit(key);
            _pairFilter[bit >> 6] |= 1UL << (bit & 63);
        }

        PairCount = pairs.Count;
    }

    /// <summary>The number of distinct pairs of whole characters some token spans (for diagnostics and tests).</summary>
    public int PairCount { get; }

    /// <summary>The number of distinct pairs where a spanning token starts or ends inside a character.</summary>
    public int FragmentCount { get; }

    /// <summary>Whether some token may span the boundary between the characters <paramref name="left"/> and <paramref name="right"/> (code points; a lone surrogate is its own value).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsSpanned(int left, int right)
    {
        var key = ((ulong)(uint)left << 21) | (uint)right;
        var bit = FilterBit(key);
        if ((_pairFilter[bit >> 6] & (1UL << (bit & 63))) != 0 && ContainsPair(key))
        {
            return true;
        }

        var edge = (LastByte(left) << 8) | LeadByte(right);
        return (_fragmentEdges[edge >> 6] & (1UL << (edge & 63))) != 0 && IsSpannedByFragment(left, right);
    }

    /// <summary>
    /// The end of the segment of <paramref name="text"/> that starts at <paramref name="start"/>: the first boundary after it
    /// between two characters no token spans, or the end of the text. A surrogate pair is one character; a lone surrogate too.
    /// </summary>
    public int SegmentEnd(ReadOnlySpan<char> text, int start)
    {
        var previous = CodePointAt(text, start, out var length);
        var index = start + length;
        while (index < text.Length)
        {
            var current = CodePointAt(text, index, out length);
            if (!IsSpanned(previous, current))
            {
                return index;
            }

            previous = current;
            index += length;
        }

        return text.Length;
    }

    /// <summary>The code point at <paramref name="index"/> (a surrogate pair's, or a lone surrogate's own value) and its length in chars.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int CodePointAt(ReadOnlySpan<char> text, int index, out int length)
    {
        var c = text[index];
        if (char.IsHighSurrogate(c) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
        {
            length = 2;
            return char.ConvertToUtf32(c, text[index + 1]);
        }

        length = 1;
        return c;
    }

    /// <summary>The UTF-8 bytes of a code point the way the tokenizer writes them (a lone surrogate as three bytes).</summary>
    internal static int Utf8(int codePoint, Span<byte> bytes)
    {
        if (codePoint < 0x80)
        {
            bytes[0] = (byte)codePoint;
            return 1;
        }

        if (codePoint < 0x800)
        {
            bytes[0] = (byte)(0xC0 | (codePoint >> 6));
            bytes[1] = (byte)(0x80 | (codePoint & 0x3F));
            return 2;
        }

        if (codePoint < 0x10000)
        {
            bytes[0] = (byte)(0xE0 | (codePoint >> 12));
            bytes[1] = (byte)(0x80 | ((codePoint >> 6) & 0x3F));
            bytes[2] = (byte)(0x80 | (codePoint & 0x3F));
            return 3;
        }

        bytes[0] = (byte)(0xF0 | (codePoint >> 18));
        bytes[1] = (byte)(0x80 | ((codePoint >> 12) & 0x3F));
        bytes[2] = (byte)(0x80 | ((codePoint >> 6) & 0x3F));
        bytes[3] = (byte)(0x80 | (codePoint & 0x3F));
        return 4;
    }

    private static void Add(byte[] token, HashSet<ulong> pairs, Dictionary<int, HashSet<Fragment>> fragments)
    {
        for (var i = 1; i < token.Length; i++)
        {
            if (IsContinuation(token[i]))
            {
                continue;
            }

            // The left character's bytes inside the token: from its lead byte, or from the token's start when the token
            // starts inside it. A lead byte whose sequence does not end exactly at i cannot sit there in the text.
            var lead = i - 1;
            while (lead >= 0 && IsContinuation(token[lead]))
            {
                lead--;
            }

            if (lead >= 0 && i - lead != SequenceLength(token[lead]))
            {
                continue;
            }

            // The right character's bytes inside the token: its lead byte at i and the continuation bytes after it, up to
            // its length or the token's end; a lead byte before that cannot sit there in the text either.
            var end = i + 1;
            var sequenceEnd = i + SequenceLength(token[i]);
            while (end < token.Length && end < sequenceEnd && IsContinuation(token[end]))
            {
                end++;
            }

            if (end < sequenceEnd && end < token.Length)
            {
                continue;
            }

            var left = token.AsSpan(Math.Max(lead, 0), i - Math.Max(lead, 0));
            var right = token.AsSpan(i, end - i);
            if (lead >= 0 && end == sequenceEnd)
            {
                pairs.Add(((ulong)(uint)CodePoint(left) << 21) | (uint)CodePoint(right));
            }
            else
            {
                var edge = (token[i - 1] << 8) | token[i];
                if (!fragments.TryGetValue(edge, out var set))
                {
                    fragments[edge] = set = [];
                }

                set.Add(new Fragment(Pack(left), left.Length, Pack(right), right.Length));
            }
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool IsSpannedByFragment(int left, int right)
    {
        if (!_fragments.TryGetValue((LastByte(left) << 8) | LeadByte(right), out var fragments))
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[4];
        var leftLength = Utf8(left, bytes);
        var leftBytes = Pack(bytes[..leftLength]);
        var rightLength = Utf8(right, bytes);
        var rightBytes = Pack(bytes[..rightLength]);
        foreach (var fragment in fragments)
        {
            // The fragment's left part is a suffix of the left character, its right part a prefix of the right one.
            if (fragment.LeftLength <= leftLength && fragment.RightLength <= rightLength
                && (fragment.LeftLength == 4 ? leftBytes : leftBytes & ((1u << (8 * fragment.LeftLength)) - 1)) == fragment.Left
                && rightBytes >> (8 * (rightLength - fragment.RightLength)) == fragment.Right)
            {
                return true;
            }
        }

        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool ContainsPair(ulong key)
    {
        var mask = _pairs.Length - 1;
        var slot = Slot(key);
        while (true)
        {
            var value = _pairs[slot];
            if (value == key)
            {
                return true;
            }

            if (value == Empty)
            {
                return false;
            }

            slot = (slot + 1) & mask;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Slot(ulong key) => (int)((key * 0x9E3779B97F4A7C15UL) >> 32) & (_pairs.Length - 1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int FilterBit(ulong key) => (int)((key * 0x9E3779B97F4A7C15UL) >> (64 - FilterBits));

    private static bool IsContinuation(byte value) => (value & 0xC0) == 0x80;

    private static int SequenceLength(byte lead) => lead switch
    {
        < 0xC0 => 1,
        < 0xE0 => 2,
        < 0xF0 => 3,
        _ => 4,
    };

    private static int LeadByte(int codePoint) => codePoint switch
    {
        < 0x80 => codePoint,
        < 0x800 => 0xC0 | (codePoint >> 6),
        < 0x10000 => 0xE0 | (codePoint >> 12),
        _ => 0xF0 | (codePoint >> 18),
    };

    private static int LastByte(int codePoint) => codePoint < 0x80 ? codePoint : 0x80 | (codePoint & 0x3F);

    private static int CodePoint(ReadOnlySpan<byte> bytes) => bytes.Length switch
    {
        1 => bytes[0],
        2 => ((bytes[0] & 0x1F) << 6) | (bytes[1] & 0x3F),
        3 => ((bytes[0] & 0x0F) << 12) | ((bytes[1] & 0x3F) << 6) | (bytes[2] & 0x3F),
        _ => ((bytes[0] & 0x07) << 18) | ((bytes[1] & 0x3F) << 12) | ((bytes[2] & 0x3F) << 6) | (bytes[3] & 0x3F),
    };

    private static uint Pack(ReadOnlySpan<byte> bytes)
    {
        var value = 0u;
        foreach (var b in bytes)
        {
            value = (value << 8) | b;
        }

        return value;
    }
}

/// <summary>The bytes a spanning token holds of the two characters at a boundary when it starts or ends inside one of them (packed, first byte highest).</summary>
internal readonly record struct Fragment(uint Left, int LeftLength, uint Right, int RightLength);
