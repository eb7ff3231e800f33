using System.Buffers;
using System.Text;
using CarbonVoice.Sdk.Connector.Internal;
using Microsoft.ML.Tokenizers;

namespace CarbonVoice.Sdk.Connector;

/// <summary>
/// An <see cref="ITokenCounter"/> over Microsoft.ML.Tokenizers' tiktoken <c>cl100k_base</c> encoding (GPT-4 and
/// text-embedding-3), loaded from the Microsoft.ML.Tokenizers.Data.Cl100kBase package: no download at run time.
/// Thread-safe; create one per process (loading the vocabulary takes a moment).
/// </summary>
/// <remarks>
/// <see cref="Shared"/> also reads the vocabulary's tokens from that package to count space-less text fast, with the
/// tokenizer's counts: a piece is encoded in parts between characters no token spans (CJK text is mostly such boundaries;
/// single characters are cached), and a long stretch no such boundary cuts (a URL's letters) by an O(n log n) merge. A
/// counter created over another tokenizer encodes every piece with that tokenizer.
/// </remarks>
public sealed class TiktokenTokenCounter : ITokenCounter
{
    /// <summary>
    /// Pieces up to this length are counted whole and cached (words, <see cref="PieceCountCache"/>), unless they hold CJK or Hangul
    /// characters (<see cref="FirstCjk"/> to <see cref="LastCjk"/>): space-less phrases seldom repeat.
    /// </summary>
    internal const int CachedPieceLength = 15;

    /// <summary>The first character of the CJK radicals, kana, ideographs and Hangul syllables.</summary>
    internal const char FirstCjk = '\u2E80';

    /// <summary>The last Hangul syllable (the surrogates follow).</summary>
    internal const char LastCjk = '\uD7FF';

    /// <summary>The slots of the cache of characters beyond the BMP (emoji): direct-mapped by the low bits of the code point.</summary>
    private const int AstralCacheSize = 4096;

    /// <summary>Fewer characters than an English pre-tokenizer piece holds (a word and its space, about five), so the piece list is sized once.</summary>
    private const int CharactersPerPieceEstimate = 4;

    private static readonly Lazy<TiktokenTokenCounter> SharedInstance = new(CreateShared);
    private readonly Tokenizer _tokenizer;
    private readonly TokenBoundaries? _boundaries;
    private readonly BytePairEncoder? _encoder;
    private readonly PieceCountCache _pieceCounts;
    private readonly Cl100kPreTokenizer? _preTokenizer;

    // The tokens of single characters encoded alone, filled as met (only with boundaries): a BMP character (a lone
    // surrogate too) by its value (-1: not yet); one beyond the BMP in a direct-mapped cache of (code point << 8) | tokens.
    private readonly sbyte[]? _characterTokens;
    private readonly int[]? _astralTokens;

    /// <summary>Creates a counter over a tokenizer.</summary>
    /// <param name="tokenizer">The tokenizer.</param>
    public TiktokenTokenCounter(Tokenizer tokenizer)
        : this(tokenizer, boundaries: null)
    {
    }

    /// <summary>
    /// Creates a counter that, with <paramref name="boundaries"/> of the tokenizer's own vocabulary, encodes the parts of a
    /// piece between characters no token spans on their own (see <see cref="TokenBoundaries"/>), and with
    /// <paramref name="encoder"/> (of the same vocabulary) the long stretches no such boundary cuts.
    /// </summary>
    /// <remarks>With <paramref name="preTokenizer"/> (for a cl100k_base tokenizer only), pieces are found by it, not by the tokenizer's pre-tokenizer.</remarks>
    internal TiktokenTokenCounter(Tokenizer tokenizer, TokenBoundaries? boundaries, BytePairEncoder? encoder = null, Cl100kPreTokenizer? preTokenizer = null)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        _tokenizer = tokenizer;
        _pieceCounts = new PieceCountCache(tokenizer);
        if (boundaries is not null && tokenizer.PreTokenizer is not null && tokenizer.Normalizer is null && SpecialTokensAreCached(tokenizer))
        {
            _boundaries = boundaries;
            _encoder = encoder;
            _preTokenizer = preTokenizer;
            _characterTokens = new sbyte[char.MaxValue + 1];
            Array.Fill(_characterTokens, (sbyte)-1);
            _astralTokens = new int[AstralCacheSize];
        }
    }

    /// <summary>The process-wide cl100k_base counter.</summary>
    public static TiktokenTokenCounter Shared => SharedInstance.Value;

    /// <summary>The boundaries pieces are encoded in parts at (the shared counter's, when its vocabulary loaded), or null: pieces are encoded whole.</summary>
    internal TokenBoundaries? Boundaries => _boundaries;

    /// <summary>The encoder of long stretches (with <see cref="Boundaries"/> only), or null: the tokenizer encodes them.</summary>
    internal BytePairEncoder? Encoder => _encoder;

    /// <inheritdoc />
    /// <remarks>
    /// The count is the tokenizer's: the text is split into the tokenizer's pre-tokenizer pieces, and each piece is encoded
    /// whole or, when it holds boundaries between characters no token spans (space-less CJK text), in those parts, which
    /// gives the same tokens (see <see cref="TokenBoundaries"/>); a part longer than the tokenizer caches is merged by
    /// <see cref="BytePairEncoder"/>, which gives the tokenizer's ids.
    /// </remarks>
    public int CountTokens(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            return 0;
        }

        if (_boundaries is null)
        {
            return _tokenizer.CountTokens(text);
        }

        var counter = new PieceCounter(this, text);
        Split(_tokenizer.PreTokenizer!, text, ref counter);
        return counter.Tokens;
    }

    /// <inheritdoc />
    /// <remarks>
    /// The prefix ends where the tokenizer's encoding of the text has a token boundary. The shared counter finds it with its
    /// own pieces, counted as <see cref="CountTokens"/> counts them: whole pieces while they fit, then the tokenizer's prefix
    /// of the first piece that does not (the encoder never merges across pieces, so that is the same boundary).
    /// </remarks>
    public int GetPrefixLength(string text, int maxTokens)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (maxTokens <= 0 || text.Length == 0)
        {
            return 0;
        }

        if (_boundaries is null)
        {
            return NotInsideSurrogatePair(text, PrefixOf(text, maxTokens, considerPreTokenization: true));
        }

        var finder = new PrefixFinder(this, text, maxTokens);
        Split(_tokenizer.PreTokenizer!, text, ref finder);
        return finder.Length;
    }

    /// <summary>The tokenizer's longest prefix of <paramref name="text"/> within <paramref name="maxTokens"/>, in characters.</summary>
    private int PrefixOf(ReadOnlySpan<char> text, int maxTokens, bool considerPreTokenization)
        => Math.Clamp(_tokenizer.GetIndexByTokenCount(text, maxTokens, out _, out _, considerPreTokenization), 0, text.Length);

    /// <inheritdoc />
    /// <remarks>
    /// The pieces are the tokenizer's pre-tokenizer pieces (the cl100k regex), each encoded on its own: the byte-pair
    /// encoder only ever works inside one piece, so a run of whole pieces has exactly the sum of their tokens. A piece longer
    /// than <paramref name="maxPieceLength"/> (space-less CJK, a long URL, an emoji run) is cut before it is encoded, which
    /// keeps the work linear: the tokenizer's encoder is quadratic in the length of a piece. The shared counter cuts such a
    /// piece where the cut changes no token: between characters no token spans (see <see cref="TokenBoundaries"/>), or,
    /// in a longer stretch no such boundary cuts (a URL's letters), between two of the stretch's tokens (the merge never
    /// crosses a token boundary, so each side encodes to its own tokens). So its parts are exact: their tokens add up to the
    /// piece's, and a text starting or ending at one of those cuts pre-tokenizes into the same parts (the rest of a letter
    /// run is still a letter run; the rest of a symbol run of two or more characters still a symbol run). Two kinds are
    /// not: a last part of one character (a text starting with it could join it to the next piece: "-" + "word", "'" +
    /// "s"), and the windows of a stretch with no such cut within <paramref name="maxPieceLength"/> characters, which is
    /// cut anywhere and counted by window (as every long piece is by a counter over another tokenizer).
    /// </remarks>
    public IReadOnlyList<TokenPiece> GetPieces(string text, int maxPieceLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPieceLength, 2);

        // About one piece per word: one list of the right size instead of a list grown by doubling.
        var pieces = new List<TokenPiece>((text.Length / CharactersPerPieceEstimate) + 1);
        AddPieces(text, maxPieceLength, pieces);
        return pieces;
    }

    /// <summary><see cref="GetPieces"/> into a list of the caller's (one reused for many texts).</summary>
    internal void AddPieces(string text, int maxPieceLength, List<TokenPiece> pieces)
    {
        if (_tokenizer.PreTokenizer is not { } preTokenizer)
        {
            TokenPieces.AddCut(this, text, 0, text.Length, maxPieceLength, pieces);
            return;
        }

        var adder = new PieceAdder(this, text, maxPieceLength, pieces);
        Split(preTokenizer, text, ref adder);
        adder.Finish();
    }

    /// <summary>Hands <paramref name="visitor"/> the pre-tokenizer pieces of <paramref name="text"/>: the shared counter's own pre-tokenizer's, else the tokenizer's.</summary>
    private void Split<TVisitor>(PreTokenizer preTokenizer, string text, ref TVisitor visitor)
        where TVisitor : struct, Cl100kPreTokenizer.IPieceVisitor
    {
        if (_preTokenizer is not null)
        {
            _preTokenizer.Split(text, ref visitor);
            return;
        }

        foreach (var (offset, length) in preTokenizer.PreTokenize(text))
        {
            visitor.Visit(offset, length);
        }
    }

    /// <summary>Moves a cut that would fall between the two halves of a surrogate pair back before the pair.</summary>
    internal static int NotInsideSurrogatePair(string text, int index)
        => index > 0 && index < text.Length && char.IsHighSurrogate(text[index - 1]) ? index - 1 : index;

    /// <summary>The tokens of one pre-tokenizer piece encoded alone.</summary>
    internal int CountPiece(ReadOnlySpan<char> piece)
        => _boundaries is null || (piece.Length <= CachedPieceLength && !HoldsCjk(piece))
            ? CountWhole(piece)
            : CountPieceInParts(piece);

    /// <summary>
    /// Whether a short piece holds a CJK or Hangul character. A loop, not <c>ContainsAnyInRange</c>: until the JIT optimizes
    /// it, that generic method boxes its bounds on every call, which was a tenth of the ingestion's allocations.
    /// </summary>
    private static bool HoldsCjk(ReadOnlySpan<char> piece)
    {
        foreach (var character in piece)
        {
            if (character is >= FirstCjk and <= LastCjk)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The tokens of a piece encoded whole: from this thread's cache when it is short enough to be a word.</summary>
    private int CountWhole(ReadOnlySpan<char> piece)
        => piece.Length <= CachedPieceLength ? _pieceCounts.Count(piece) : _tokenizer.CountTokens(piece, considerPreTokenization: false);

    /// <summary>The tokens of a piece encoded in parts between characters no token spans.</summary>
    private int CountPieceInParts(ReadOnlySpan<char> piece)
    {
        var tokens = 0;
        for (var start = 0; start < piece.Length;)
        {
            var end = _boundaries!.SegmentEnd(piece, start);
            tokens += CountSegment(piece[start..end]);
            start = end;
        }

        return tokens;
    }

    /// <summary>
    /// Adds a long piece as parts of at most <paramref name="maxPieceLength"/> characters, cut where the cut changes no
    /// token: between characters no token spans, or, inside a longer stretch no such boundary cuts, between two of its
    /// tokens (the encoder merges nothing across a token boundary, so each side encodes to its own tokens). A stretch with
    /// no such cut within the limit is cut into windows whose counts are estimates.
    /// </summary>
    private void AddParts(string text, int offset, int length, int maxPieceLength, List<TokenPiece> pieces)
    {
        var piece = text.AsSpan(offset, length);
        var parts = new PartBuilder(this, text, offset, maxPieceLength, pieces);
        var tokens = 0;
        for (var start = 0; start < piece.Length;)
        {
            var end = _boundaries!.SegmentEnd(piece, start);
            if (end - start > maxPieceLength && _encoder is not null)
            {
                tokens = AddTokenCuts(piece, start, end, tokens, ref parts);
            }
            else
            {
                tokens += CountSegment(piece[start..end]);
                parts.Cut(end, tokens);
            }

            start = end;
        }

        parts.Finish();
    }

    /// <summary>Encodes <c>piece[start..end]</c> and cuts at the character boundaries between its tokens; returns the tokens up to its end.</summary>
    private int AddTokenCuts(ReadOnlySpan<char> piece, int start, int end, int tokens, ref PartBuilder parts)
    {
        var stretch = piece[start..end];
        var bytes = ArrayPool<byte>.Shared.Rent(stretch.Length * 3);
        var byteOfChar = ArrayPool<int>.Shared.Rent(stretch.Length + 1);
        try
        {
            var length = Utf8(stretch, bytes, byteOfChar);
            var encoded = new List<(int Id, int End)>();
            _encoder!.Encode(bytes.AsSpan(0, length), encoded);
            var character = 0;
            foreach (var (_, tokenEnd) in encoded)
            {
                tokens++;
                while (character < stretch.Length && (byteOfChar[character] < 0 || byteOfChar[character] < tokenEnd))
                {
                    character++;
                }

                if (byteOfChar[character] == tokenEnd)
                {
                    parts.Cut(start + character, tokens);
                }
            }

            return tokens;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
            ArrayPool<int>.Shared.Return(byteOfChar);
        }
    }

    /// <summary>The tokens of a part of a piece between characters no token spans, encoded alone (a single character from a cache).</summary>
    private int CountSegment(ReadOnlySpan<char> segment)
    {
        if (segment.Length == 1)
        {
            var tokens = _characterTokens![segment[0]];
            if (tokens < 0)
            {
                _characterTokens[segment[0]] = tokens = (sbyte)_tokenizer.CountTokens(segment, considerPreTokenization: false);
            }

            return tokens;
        }

        if (segment.Length == 2 && char.IsSurrogatePair(segment[0], segment[1]))
        {
            // A code point beyond the BMP is at least 0x10000, so a filled slot is never 0; a slot holds one code point at a time.
            var codePoint = char.ConvertToUtf32(segment[0], segment[1]);
            var slot = codePoint & (AstralCacheSize - 1);
            var entry = _astralTokens![slot];
            if (entry >> 8 == codePoint)
            {
                return entry & 0xFF;
            }

            var tokens = _tokenizer.CountTokens(segment, considerPreTokenization: false);
            _astralTokens[slot] = (codePoint << 8) | tokens;
            return tokens;
        }

        if (segment.Length <= CachedPieceLength || _encoder is null)
        {
            return CountWhole(segment);
        }

        var bytes = ArrayPool<byte>.Shared.Rent(segment.Length * 3);
        try
        {
            return _encoder.Encode(bytes.AsSpan(0, Utf8(segment, bytes, byteOfChar: null)));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    /// <summary>
    /// Writes the tokenizer's UTF-8 of <paramref name="text"/> (a lone surrogate as three bytes) and returns its length;
    /// with <paramref name="byteOfChar"/>, the offset of each character's first byte (-1 for the second half of a surrogate
    /// pair), then the length.
    /// </summary>
    internal static int Utf8(ReadOnlySpan<char> text, Span<byte> bytes, Span<int> byteOfChar)
    {
        var length = 0;
        for (var i = 0; i < text.Length;)
        {
            if (!byteOfChar.IsEmpty)
            {
                byteOfChar[i] = length;
            }

            var codePoint = TokenBoundaries.CodePointAt(text, i, out var chars);
            length += TokenBoundaries.Utf8(codePoint, bytes[length..]);
            if (chars == 2 && !byteOfChar.IsEmpty)
            {
                byteOfChar[i + 1] = -1;
            }

            i += chars;
        }

        if (!byteOfChar.IsEmpty)
        {
            byteOfChar[text.Length] = length;
        }

        return length;
    }

    /// <summary>
    /// Whether the tokenizer's special tokens are short ASCII pieces, counted by <see cref="PieceCountCache"/> (which counts
    /// each as one token, whatever the tokenizer's own cache still holds) and never in parts.
    /// </summary>
    private static bool SpecialTokensAreCached(Tokenizer tokenizer)
        => tokenizer is not TiktokenTokenizer { SpecialTokens: { } special } || special.Keys.All(k => k.Length <= CachedPieceLength && Ascii.IsValid(k));

    /// <summary>
    /// A counter over <paramref name="tokenizer"/> with <paramref name="boundaries"/> if they agree with it on a text of
    /// CJK, emoji and English (a vocabulary that is not the tokenizer's would not), else one without.
    /// </summary>
    internal static TiktokenTokenCounter WithCheckedBoundaries(Tokenizer tokenizer, TokenBoundaries? boundaries, BytePairEncoder? encoder = null, Cl100kPreTokenizer? preTokenizer = null)
    {
        const string probe = "数据同步非常重要我们需要在本季度完成 日本語のテキストには空白がありません 한국어문장도띄어쓰기없이 👋🏽🚀👩‍💻🇯🇵 Hello, world's renewal. https://example.test/abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz";
        var counter = new TiktokenTokenCounter(tokenizer, boundaries, encoder, preTokenizer);
        return counter._boundaries is null || counter.CountTokens(probe) == tokenizer.CountTokens(probe) ? counter : new TiktokenTokenCounter(tokenizer);
    }

    /// <summary>
    /// Groups the places a long piece may be cut at exactly (given in order, with the piece's tokens before each) into parts
    /// of at most the limit: each part runs to the furthest cut within the limit; where the next cut is further, the
    /// stretch up to it is cut into windows whose counts are estimates.
    /// </summary>
    private ref struct PartBuilder(TiktokenTokenCounter counter, string text, int offset, int maxPieceLength, List<TokenPiece> pieces)
    {
        private int _partStart;
        private int _partTokens;
        private int _lastCut;
        private int _lastTokens;

        public void Cut(int index, int tokens)
        {
            while (index - _partStart > maxPieceLength)
            {
                if (_lastCut == _partStart)
                {
                    TokenPieces.AddCut(counter, text, offset + _partStart, offset + index, maxPieceLength, pieces);
                    (_partStart, _partTokens) = (index, tokens);
                    break;
                }

                pieces.Add(new TokenPiece(offset + _partStart, _lastCut - _partStart, _lastTokens - _partTokens, Exact: true));
                (_partStart, _partTokens) = (_lastCut, _lastTokens);
            }

            (_lastCut, _lastTokens) = (index, tokens);
        }

        public readonly void Finish()
        {
            // A text starting at a lone last character could pre-tokenize it with what follows the piece ("-" + "word",
            // "'" + "s"): that part alone is not exact.
            if (_lastCut > _partStart)
            {
                pieces.Add(new TokenPiece(offset + _partStart, _lastCut - _partStart, _lastTokens - _partTokens, Exact: _lastCut - _partStart > 1));
            }
        }
    }

    private static TiktokenTokenCounter CreateShared()
    {
        var tokenizer = TiktokenTokenizer.CreateForModel("gpt-4");
        var vocabulary = TiktokenVocabulary.LoadCl100kBase();
        return vocabulary is null ? new TiktokenTokenCounter(tokenizer) : WithCheckedBoundaries(tokenizer, new TokenBoundaries(vocabulary), new BytePairEncoder(vocabulary), new Cl100kPreTokenizer(tokenizer.SpecialTokens));
    }

    /// <summary>Sums the tokens of the pieces of one text.</summary>
    private struct PieceCounter(TiktokenTokenCounter counter, string text) : Cl100kPreTokenizer.IPieceVisitor
    {
        public int Tokens { get; private set; }

        public void Visit(int offset, int length) => Tokens += counter.CountPiece(text.AsSpan(offset, length));
    }

    /// <summary>
    /// Finds the end of the longest run of whole pieces within the budget (a special token is one, as everywhere in the
    /// counter), then the tokenizer's prefix of the first piece that does not fit.
    /// </summary>
    private struct PrefixFinder(TiktokenTokenCounter counter, string text, int maxTokens) : Cl100kPreTokenizer.IPieceVisitor
    {
        private int _tokens;
        private bool _found;

        public int Length { get; private set; }

        public void Visit(int offset, int length)
        {
            if (_found)
            {
                return;
            }

            var piece = text.AsSpan(offset, length);
            var tokens = counter.CountPiece(piece);
            if (_tokens + tokens <= maxTokens)
            {
                _tokens += tokens;
                Length = offset + length;
                return;
            }

            _found = true;
            var room = maxTokens - _tokens;
            Length = room == 0 ? offset : NotInsideSurrogatePair(text, offset + counter.PrefixOf(piece, room, considerPreTokenization: false));
        }
    }

    /// <summary>Adds the pieces of one text to a list: a long piece in parts, and any text between pieces cut as it comes.</summary>
    private struct PieceAdder(TiktokenTokenCounter counter, string text, int maxPieceLength, List<TokenPiece> pieces) : Cl100kPreTokenizer.IPieceVisitor
    {
        private int _position;

        public void Visit(int offset, int length)
        {
            if (offset > _position)
            {
                TokenPieces.AddCut(counter, text, _position, offset, maxPieceLength, pieces);
            }

            if (length <= maxPieceLength)
            {
                pieces.Add(new TokenPiece(offset, length, counter.CountPiece(text.AsSpan(offset, length)), Exact: true));
            }
            else if (counter._boundaries is not null)
            {
                counter.AddParts(text, offset, length, maxPieceLength, pieces);
            }
            else
            {
                TokenPieces.AddCut(counter, text, offset, offset + length, maxPieceLength, pieces);
            }

            _position = offset + length;
        }

        public readonly void Finish()
        {
            if (_position < text.Length)
            {
                TokenPieces.AddCut(counter, text, _position, text.Length, maxPieceLength, pieces);
            }
        }
    }
}
