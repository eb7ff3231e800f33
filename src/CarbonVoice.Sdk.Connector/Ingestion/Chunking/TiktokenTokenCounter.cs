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
        index = Math.Clamp(index, 0, text.Length);
        if (index > 0 && index < text.Length && char.IsHighSurrogate(text[index - 1]))
        {
            index--;
        }

        return index;
    }
}
