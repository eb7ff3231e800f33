using System.Collections.Frozen;
using Microsoft.ML.Tokenizers;

namespace CarbonVoice.Sdk.Connector;

/// <summary>
/// The token counts of short pieces (words), one cache per thread in front of the tokenizer's. The tokenizer's own cache
/// takes a lock on every lookup and moves the entry in its recency list: with conversations chunked on two threads, a fifth
/// of the chunking time went to waiting on that lock. A word seen before on this thread costs one dictionary lookup and
/// no lock; a thread's cache is emptied when it holds <see cref="Capacity"/> words.
/// </summary>
/// <remarks>
/// A piece that is one of a tiktoken tokenizer's special tokens (the pre-tokenizer splits them out first) is one token
/// here, whatever the tokenizer says: Microsoft.ML.Tokenizers 2.0.1 knows them only as entries of its recency cache, so
/// once some thousands of other words have pushed them out it encodes <c>&lt;|endoftext|&gt;</c> as seven ordinary tokens.
/// </remarks>
internal sealed class PieceCountCache
{
    /// <summary>The words a thread's cache holds before it is emptied.</summary>
    internal const int Capacity = 16_384;

    private readonly Tokenizer _tokenizer;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _specialTokens;
    private readonly ThreadLocal<Words> _words = new(() => new Words());

    /// <summary>Creates the cache in front of <paramref name="tokenizer"/>.</summary>
    public PieceCountCache(Tokenizer tokenizer)
    {
        _tokenizer = tokenizer;
        var special = tokenizer is TiktokenTokenizer { SpecialTokens: { } tokens } ? tokens.Keys : [];
        _specialTokens = special.ToFrozenSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The tokens of <paramref name="piece"/> encoded alone (no pre-tokenization), as the tokenizer counts them; a special token is one.</summary>
    public int Count(ReadOnlySpan<char> piece)
    {
        var words = _words.Value!;
        if (words.Lookup.TryGetValue(piece, out var tokens))
        {
            return tokens;
        }

        tokens = _specialTokens.Contains(piece) ? 1 : _tokenizer.CountTokens(piece, considerPreTokenization: false);
        if (words.Counts.Count >= Capacity)
        {
            words.Counts.Clear();
        }

        words.Lookup.TryAdd(piece, tokens);
        return tokens;
    }

    /// <summary>The words a thread has counted; <see cref="Count"/> empties it at <see cref="Capacity"/>.</summary>
    internal int CountOnThisThread => _words.Value!.Counts.Count;

    private sealed class Words
    {
        public Words() => Lookup = Counts.GetAlternateLookup<ReadOnlySpan<char>>();

        public Dictionary<string, int> Counts { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> Lookup { get; }
    }
}
