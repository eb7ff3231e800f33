namespace CarbonVoice.Sdk.Connector.Tests.Ingestion.Counters;

/// <summary>How <see cref="CharacterCounter"/> reports pieces.</summary>
public enum PieceMode
{
    /// <summary>Every character an exact piece of one token.</summary>
    Exact,

    /// <summary>The interface's default: inexact windows (every chunk is counted again).</summary>
    Windows,

    /// <summary>Every character an inexact piece, every other one reported as 0 tokens: estimates are half the truth, as cut CJK windows may be off.</summary>
    HalfCounted,
}

/// <summary>One token per UTF-16 character, so cut points can be worked out by hand.</summary>
internal sealed class CharacterCounter(PieceMode mode) : ITokenCounter
{
    public int CountTokens(string text) => text.Length;

    public int GetPrefixLength(string text, int maxTokens)
    {
        var length = Math.Clamp(maxTokens, 0, text.Length);
        return length > 0 && length < text.Length && char.IsHighSurrogate(text[length - 1]) ? length - 1 : length;
    }

    public IReadOnlyList<TokenPiece> GetPieces(string text, int maxPieceLength) => mode switch
    {
        PieceMode.Exact => Enumerable.Range(0, text.Length).Select(i => new TokenPiece(i, 1, 1, Exact: true)).ToList(),
        PieceMode.HalfCounted => Enumerable.Range(0, text.Length).Select(i => new TokenPiece(i, 1, i % 2 == 0 ? 1 : 0, Exact: false)).ToList(),
        _ => ((ITokenCounter)new DefaultPieces(this)).GetPieces(text, maxPieceLength),
    };

    /// <summary>The same counts with the interface's default <see cref="ITokenCounter.GetPieces"/>.</summary>
    private sealed class DefaultPieces(CharacterCounter counter) : ITokenCounter
    {
        public int CountTokens(string text) => counter.CountTokens(text);

        public int GetPrefixLength(string text, int maxTokens) => counter.GetPrefixLength(text, maxTokens);
    }
}
