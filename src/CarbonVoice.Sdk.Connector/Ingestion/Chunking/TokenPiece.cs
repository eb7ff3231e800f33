namespace CarbonVoice.Sdk.Connector;

/// <summary>
/// A span of a text that the tokenizer encodes on its own (a pre-tokenizer piece), with its token count. When every piece
/// of a run is <see cref="Exact"/>, the run of whole pieces has exactly the sum of their tokens; a piece cut out of a longer
/// one (a space-less run of CJK text, say) is not exact: a text holding it must be counted again.
/// </summary>
/// <param name="Start">The index of the piece's first character.</param>
/// <param name="Length">The number of characters of the piece.</param>
/// <param name="Tokens">The tokens of the piece alone.</param>
/// <param name="Exact">Whether the piece is a whole pre-tokenizer piece (its tokens add up with its neighbours').</param>
public readonly record struct TokenPiece(int Start, int Length, int Tokens, bool Exact)
{
    /// <summary>The index just after the piece's last character.</summary>
    public int End => Start + Length;
}
