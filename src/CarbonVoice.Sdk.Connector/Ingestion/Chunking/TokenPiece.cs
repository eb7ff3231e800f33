namespace CarbonVoice.Sdk.Connector;

/// <summary>
/// A span of a text that the tokenizer encodes on its own (a pre-tokenizer piece, or a part of a long one), with its token
/// count. When every piece of a run is <see cref="Exact"/>, the run has exactly the sum of their tokens. A piece cut out of
/// a longer one is exact only when the counter cut it where the cut changes no token (<see cref="TiktokenTokenCounter.Shared"/>
/// cuts space-less CJK text between characters no token spans); otherwise (a window of a run cut anywhere) it is not
/// exact: a text holding it must be counted again.
/// </summary>
/// <param name="Start">The index of the piece's first character.</param>
/// <param name="Length">The number of characters of the piece.</param>
/// <param name="Tokens">The tokens of the piece alone.</param>
/// <param name="Exact">Whether the piece's tokens add up with its neighbours' (a whole pre-tokenizer piece, or a part of one cut where no token spans).</param>
public readonly record struct TokenPiece(int Start, int Length, int Tokens, bool Exact)
{
    /// <summary>The index just after the piece's last character.</summary>
    public int End => Start + Length;
}
