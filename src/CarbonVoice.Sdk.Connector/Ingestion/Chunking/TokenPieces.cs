namespace CarbonVoice.Sdk.Connector;

/// <summary>Helpers for <see cref="ITokenCounter.GetPieces"/>.</summary>
internal static class TokenPieces
{
    /// <summary>Adds <c>text[start..end]</c> as inexact pieces of at most <paramref name="maxPieceLength"/> characters, never cut inside a surrogate pair.</summary>
    public static void AddCut(ITokenCounter counter, string text, int start, int end, int maxPieceLength, List<TokenPiece> pieces)
    {
        while (start < end)
        {
            var length = Math.Min(maxPieceLength, end - start);
            if (start + length < end && char.IsHighSurrogate(text[start + length - 1]))
            {
                length--;
            }

            pieces.Add(new TokenPiece(start, length, counter.CountTokens(text.Substring(start, length)), Exact: false));
            start += length;
        }
    }
}
