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
}
