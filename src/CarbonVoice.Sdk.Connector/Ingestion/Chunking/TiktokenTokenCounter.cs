using System.Text;
using CarbonVoice.Sdk.Connector.Internal;
using Microsoft.ML.Tokenizers;

namespace CarbonVoice.Sdk.Connector;

/// <summary>
/// An <see cref="ITokenCounter"/> over Microsoft.ML.Tokenizers' tiktoken <c>cl100k_base</c> encoding (GPT-4 and
/// text-embedding-3), loaded from the Microsoft.ML.Tokenizers.Data.Cl100kBase package: no download at run time.
/// Thread-safe; create one per process (loading the vocabulary takes a moment).
/// </summary>
public sealed class TiktokenTokenCounter : ITokenCounter
{
    /// <summary>Pieces up to this length that are plain ASCII go to the tokenizer whole: it caches them (English words).</summary>
    internal const int CachedPieceLength = 15;

    private static readonly Lazy<TiktokenTokenCounter> SharedInstance = new(CreateShared);
    private readonly Tokenizer _tokenizer;
    private readonly TokenBoundaries? _boundaries;

    // The tokens of each single BMP character encoded alone, filled as met (-1: not yet); only with boundaries.
    private readonly sbyte[]? _characterTokens;

    /// <summary>Creates a counter over a tokenizer.</summary>
    /// <param name="tokenizer">The tokenizer.</param>
    public TiktokenTokenCounter(Tokenizer tokenizer)
        : this(tokenizer, boundaries: null)
    {
    }

    /// <summary>
    /// Creates a counter that, with <paramref name="boundaries"/> of the tokenizer's own vocabulary, encodes the parts of a
    /// piece between characters no token spans on their own (see <see cref="TokenBoundaries"/>).
    /// </summary>
    internal TiktokenTokenCounter(Tokenizer tokenizer, TokenBoundaries? boundaries)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        _tokenizer = tokenizer;
        if (boundaries is not null && tokenizer.PreTokenizer is not null && tokenizer.Normalizer is null && SpecialTokensAreCached(tokenizer))
        {
            _boundaries = boundaries;
            _characterTokens = new sbyte[char.MaxValue + 1];
            Array.Fill(_characterTokens, (sbyte)-1);
        }
    }

    /// <summary>The process-wide cl100k_base counter.</summary>
    public static TiktokenTokenCounter Shared => SharedInstance.Value;

    /// <summary>The boundaries pieces are encoded in parts at (the shared counter's, when its vocabulary loaded), or null: pieces are encoded whole.</summary>
    internal TokenBoundaries? Boundaries => _boundaries;

    /// <inheritdoc />
    /// <remarks>
    /// The count is the tokenizer's: the text is split into the tokenizer's pre-tokenizer pieces, and each piece is encoded
    /// whole or, when it holds boundaries between characters no token spans (space-less CJK text), in those parts, which
    /// gives the same tokens (see <see cref="TokenBoundaries"/>).
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

        var tokens = 0;
        foreach (var (offset, length) in _tokenizer.PreTokenizer!.PreTokenize(text))
        {
            tokens += CountPiece(text.AsSpan(offset, length));
        }

        return tokens;
    }

    /// <inheritdoc />
    public int GetPrefixLength(string text, int maxTokens)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (maxTokens <= 0 || text.Length == 0)
        {
            return 0;
        }

        var index = _tokenizer.GetIndexByTokenCount(text, maxTokens, out _, out _);
        return NotInsideSurrogatePair(text, Math.Clamp(index, 0, text.Length));
    }

    /// <inheritdoc />
    /// <remarks>
    /// The pieces are the tokenizer's pre-tokenizer pieces (the cl100k regex), each encoded on its own: the byte-pair
    /// encoder only ever works inside one piece, so a run of whole pieces has exactly the sum of their tokens. A piece longer
    /// than <paramref name="maxPieceLength"/> (space-less CJK, a long URL, an emoji run) is cut before it is encoded, which
    /// keeps the work linear: the encoder is quadratic in the length of a piece. The shared counter cuts such a piece
    /// between characters no token spans (see <see cref="TokenBoundaries"/>), so its parts are exact: their tokens add up
    /// to the piece's, and a text starting or ending at one of those cuts pre-tokenizes into the same parts (the rest of a
    /// letter run is still a letter run; the rest of a symbol run of two or more characters still a symbol run). Two kinds
    /// are not: a last part of one character (a text starting with it could join it to the next piece: "-" + "word",
    /// "'" + "s"), and the windows of a stretch no such boundary cuts within <paramref name="maxPieceLength"/>
    /// (a long run of Latin letters), which is cut anywhere and counted by window.
    /// </remarks>
    public IReadOnlyList<TokenPiece> GetPieces(string text, int maxPieceLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPieceLength, 2);
        var pieces = new List<TokenPiece>();
        if (_tokenizer.PreTokenizer is not { } preTokenizer)
        {
            TokenPieces.AddCut(this, text, 0, text.Length, maxPieceLength, pieces);
            return pieces;
        }

        var position = 0;
        foreach (var (offset, length) in preTokenizer.PreTokenize(text))
        {
            if (offset > position)
            {
                TokenPieces.AddCut(this, text, position, offset, maxPieceLength, pieces);
            }

            if (length <= maxPieceLength)
            {
                pieces.Add(new TokenPiece(offset, length, CountPiece(text.AsSpan(offset, length)), Exact: true));
            }
            else if (_boundaries is not null)
            {
                AddParts(text, offset, length, maxPieceLength, pieces);
            }
            else
            {
                TokenPieces.AddCut(this, text, offset, offset + length, maxPieceLength, pieces);
            }

            position = offset + length;
        }

        if (position < text.Length)
        {
            TokenPieces.AddCut(this, text, position, text.Length, maxPieceLength, pieces);
        }

        return pieces;
    }

    /// <summary>Moves a cut that would fall between the two halves of a surrogate pair back before the pair.</summary>
    internal static int NotInsideSurrogatePair(string text, int index)
        => index > 0 && index < text.Length && char.IsHighSurrogate(text[index - 1]) ? index - 1 : index;

    /// <summary>The tokens of one pre-tokenizer piece encoded alone.</summary>
    internal int CountPiece(ReadOnlySpan<char> piece)
    {
        if (_boundaries is null || (piece.Length <= CachedPieceLength && Ascii.IsValid(piece)))
        {
            return _tokenizer.CountTokens(piece, considerPreTokenization: false);
        }

        var tokens = 0;
        for (var start = 0; start < piece.Length;)
        {
            var end = _boundaries.SegmentEnd(piece, start);
            tokens += CountSegment(piece[start..end]);
            start = end;
        }

        return tokens;
    }

    /// <summary>Adds a long piece as parts of at most <paramref name="maxPieceLength"/> characters cut between characters no token spans.</summary>
    private void AddParts(string text, int offset, int length, int maxPieceLength, List<TokenPiece> pieces)
    {
        var piece = text.AsSpan(offset, length);
        var partStart = 0;
        var partTokens = 0;
        for (var start = 0; start < piece.Length;)
        {
            var end = _boundaries!.SegmentEnd(piece, start);
            if (end - partStart > maxPieceLength && start > partStart)
            {
                pieces.Add(new TokenPiece(offset + partStart, start - partStart, partTokens, Exact: true));
                (partStart, partTokens) = (start, 0);
            }

            if (end - start > maxPieceLength)
            {
                // No boundary to cut at within the limit: windows, whose counts are estimates.
                TokenPieces.AddCut(this, text, offset + start, offset + end, maxPieceLength, pieces);
                partStart = end;
            }
            else
            {
                partTokens += CountSegment(piece[start..end]);
            }

            start = end;
        }

        if (partStart < piece.Length)
        {
            // A text starting at a lone last character could pre-tokenize it with what follows the piece ("-" + "word",
            // "'" + "s"): that part alone is not exact.
            pieces.Add(new TokenPiece(offset + partStart, piece.Length - partStart, partTokens, Exact: piece.Length - partStart > 1));
        }
    }

    /// <summary>The tokens of a part of a piece between characters no token spans, encoded alone.</summary>
    private int CountSegment(ReadOnlySpan<char> segment)
    {
        if (segment.Length == 1 && !char.IsSurrogate(segment[0]))
        {
            var tokens = _characterTokens![segment[0]];
            if (tokens < 0)
            {
                _characterTokens[segment[0]] = tokens = (sbyte)_tokenizer.CountTokens(segment, considerPreTokenization: false);
            }

            return tokens;
        }

        return _tokenizer.CountTokens(segment, considerPreTokenization: false);
    }

    private static bool SpecialTokensAreCached(Tokenizer tokenizer)
        => tokenizer is not TiktokenTokenizer { SpecialTokens: { } special } || special.Keys.All(k => k.Length <= CachedPieceLength && Ascii.IsValid(k));

    /// <summary>
    /// A counter over <paramref name="tokenizer"/> with <paramref name="boundaries"/> if they agree with it on a text of
    /// CJK, emoji and English (a vocabulary that is not the tokenizer's would not), else one without.
    /// </summary>
    internal static TiktokenTokenCounter WithCheckedBoundaries(Tokenizer tokenizer, TokenBoundaries? boundaries)
    {
        const string probe = "数据同步非常重要我们需要在本季度完成 日本語のテキストには空白がありません 한국어문장도띄어쓰기없이 👋🏽🚀👩‍💻🇯🇵 Hello, world's renewal.";
        var counter = new TiktokenTokenCounter(tokenizer, boundaries);
        return counter._boundaries is null || counter.CountTokens(probe) == tokenizer.CountTokens(probe) ? counter : new TiktokenTokenCounter(tokenizer);
    }

    private static TiktokenTokenCounter CreateShared()
    {
        var tokenizer = TiktokenTokenizer.CreateForModel("gpt-4");
        var vocabulary = TiktokenVocabulary.LoadCl100kBase();
        return WithCheckedBoundaries(tokenizer, vocabulary is null ? null : new TokenBoundaries(vocabulary));
    }
}
