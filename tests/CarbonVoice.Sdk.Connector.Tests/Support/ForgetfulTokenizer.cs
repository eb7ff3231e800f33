using System.Globalization;
using Microsoft.ML.Tokenizers;

namespace CarbonVoice.Sdk.Connector.Tests.Support;

/// <summary>
/// A cl100k_base tokenizer of its own that has forgotten its special tokens: Microsoft.ML.Tokenizers 2.0.1 knows them only as
/// entries of its recency cache, so once other words push them out it encodes <c>&lt;|endoftext|&gt;</c> as seven ordinary tokens.
/// </summary>
internal static class ForgetfulTokenizer
{
    /// <summary>A new tokenizer after 20,000 words it caches; asserts that it then counts a special token as seven.</summary>
    public static TiktokenTokenizer Create()
    {
        var tokenizer = TiktokenTokenizer.CreateForModel("gpt-4");
        // Words of letters the vocabulary does not hold whole ("qzgggh"), so the tokenizer caches each of them.
        var words = string.Join(' ', Enumerable.Range(0, 20_000).Select(i => "qz" + string.Concat(i.ToString("x4", CultureInfo.InvariantCulture).Select(digit => (char)('g' + Convert.ToInt32(digit.ToString(), 16))))));
        Assert.Equal(7, tokenizer.CountTokens(words + "<|endoftext|>") - tokenizer.CountTokens(words));
        return tokenizer;
    }
}
