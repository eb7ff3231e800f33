namespace CarbonVoice.Sdk.Connector.Tests.Ingestion.Counters;

/// <summary>Forwards to a counter and adds up the characters handed to it: the tokenizer's work.</summary>
internal sealed class CountingTokenCounter(ITokenCounter inner) : ITokenCounter
{
    private long _characters;

    public long Characters => Interlocked.Read(ref _characters);

    public int CountTokens(string text)
    {
        Interlocked.Add(ref _characters, text.Length);
        return inner.CountTokens(text);
    }

    public int GetPrefixLength(string text, int maxTokens)
    {
        Interlocked.Add(ref _characters, text.Length);
        return inner.GetPrefixLength(text, maxTokens);
    }

    public IReadOnlyList<TokenPiece> GetPieces(string text, int maxPieceLength)
    {
        Interlocked.Add(ref _characters, text.Length);
        return inner.GetPieces(text, maxPieceLength);
    }
}
