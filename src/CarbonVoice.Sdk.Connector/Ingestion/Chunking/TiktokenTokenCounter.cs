using Microsoft.ML.Tokenizers;

namespace CarbonVoice.Sdk.Connector;

/// <summary>
/// An <see cref="ITokenCounter"/> over Microsoft.ML.Tokenizers' tiktoken <c>cl100k_base</c> encoding (GPT-4 and
/// text-embedding-3), loaded from the Microsoft.ML.Tokenizers.Data.Cl100kBase package: no download at run time.
/// Thread-safe; create one per process (loading the vocabulary takes a moment).
/// </summary>
public sealed class TiktokenTokenCounter : ITokenCounter
{
    private static readonly Lazy<TiktokenTokenCounter> SharedInstance = new(() => new TiktokenTokenCounter(TiktokenTokenizer.CreateForModel("gpt-4")));
    private readonly Tokenizer _tokenizer;

    /// <summary>Creates a counter over a tokenizer.</summary>
    /// <param name="tokenizer">The tokenizer.</param>
    public TiktokenTokenCounter(Tokenizer tokenizer)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        _tokenizer = tokenizer;
    }

    /// <summary>The process-wide cl100k_base counter.</summary>
    public static TiktokenTokenCounter Shared => SharedInstance.Value;

    /// <inheritdoc />
    public int CountTokens(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length == 0 ? 0 : _tokenizer.CountTokens(text);
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
    /// keeps the work linear: the encoder is quadratic in the length of a piece.
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
                pieces.Add(new TokenPiece(offset, length, _tokenizer.CountTokens(text.AsSpan(offset, length), considerPreTokenization: false), Exact: true));
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
}
