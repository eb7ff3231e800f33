namespace CarbonVoice.Sdk.Connector;

/// <summary>Counts tokens the way the embedding model will: chunk limits are enforced with it.</summary>
public interface ITokenCounter
{
    /// <summary>The number of tokens of a text.</summary>
    /// <param name="text">The text.</param>
    int CountTokens(string text);

    /// <summary>The length of the longest prefix of <paramref name="text"/> that has at most <paramref name="maxTokens"/> tokens, never splitting a surrogate pair.</summary>
    /// <param name="text">The text.</param>
    /// <param name="maxTokens">The token budget.</param>
    int GetPrefixLength(string text, int maxTokens);

    /// <summary>
    /// Tokenizes <paramref name="text"/> once and returns its pieces in order, covering the whole text, each with its token
    /// count (see <see cref="TokenPiece"/>). A piece is never longer than <paramref name="maxPieceLength"/> characters: a longer
    /// one is cut (never inside a surrogate pair), and its parts are not exact unless the counter knows the cut changes no
    /// token (see <see cref="TokenPiece.Exact"/>). The default is one inexact piece per
    /// <paramref name="maxPieceLength"/> characters, so a counter without a pre-tokenizer stays correct (every chunk is then counted again).
    /// </summary>
    /// <param name="text">The text.</param>
    /// <param name="maxPieceLength">The longest piece, in characters (at least 2).</param>
    IReadOnlyList<TokenPiece> GetPieces(string text, int maxPieceLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPieceLength, 2);
        var pieces = new List<TokenPiece>();
        TokenPieces.AddCut(this, text, 0, text.Length, maxPieceLength, pieces);
        return pieces;
    }
}
