using CarbonVoice.Sdk.Connector.Internal;
using CarbonVoice.Sdk.Connector.Tests.Support;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.ML.Tokenizers;

namespace CarbonVoice.Sdk.Connector.Tests.Ingestion;

/// <summary>The shared counter's pre-tokenizer must find exactly the pieces Microsoft.ML.Tokenizers' cl100k_base pre-tokenizer finds.</summary>
public sealed class Cl100kPreTokenizerTests
{
    private static readonly TiktokenTokenizer Reference = TiktokenTokenizer.CreateForModel("gpt-4");
    private static readonly Cl100kPreTokenizer Pieces = new(Reference.SpecialTokens);

    public static TheoryData<string> Corpora => [.. TokenizerCorpus.Names];

    public static TheoryData<string> Edges => [.. EdgeTexts];

    private static readonly string[] EdgeTexts =
    [
        string.Empty,
        " ",
        "   ",
        "\n",
        "a \n",
        "trailing spaces   ",
        "trailing line\n\n",
        "  leading and  double  spaces",
        "tabs\tand\r\nwindows\r\nlines\r\n",
        "It's they're we've I'M he'LL she'd 'S",
        "12345678901 1,000.50 ٣٤٥٦ ⅷ",
        "<|endoftext|>",
        "before<|endoftext|>after <|fim_prefix|>x<|fim_middle|> y <|fim_suffix|>\n<|endofprompt|>",
        "<|endoftext|><|endoftext|>  <|endoftext",
        "数据同步非常重要我们需要在本季度完成 日本語のテキスト 한국어문장",
        "👋🏽🚀👩‍💻🇯🇵 emoji ✨✨ end",
        "https://example.test/a/b?c=d&e=f#g and mail@example.test",
        "!!!???... --- *** \n\n\n   \n",
        "\u00A0non-breaking\u2003em space\u200Bzero width",
        "mixed123abc def456 7x",
    ];

    [Theory]
    [MemberData(nameof(Edges))]
    public void Hand_picked_texts_split_as_the_library_splits_them(string text) => AssertSameAsLibrary(text);

    [Theory]
    [MemberData(nameof(Corpora))]
    public void Benchmark_corpora_split_as_the_library_splits_them(string name) => AssertSameAsLibrary(TokenizerCorpus.Get(name));

    [Fact]
    public void Random_texts_over_a_hostile_alphabet_split_as_the_library_splits_them()
    {
        const string alphabet = " \t\r\n\u00A0aZé'sS0９٣.,!?-_<|>endoftext数日한👋\u200D🏽";
        var elements = System.Globalization.StringInfo.GetTextElementEnumerator(alphabet);
        var symbols = new List<string>();
        while (elements.MoveNext())
        {
            symbols.Add((string)elements.Current);
        }

        symbols.AddRange(["<|endoftext|>", "'ll", "'VE", "\r\n", "   "]);
        var random = new Random(12345);
        for (var i = 0; i < 3_000; i++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(0, 40)).Select(_ => symbols[random.Next(symbols.Count)]));
            AssertSameAsLibrary(text);
        }
    }

    [Fact]
    public async Task Threads_splitting_at_once_each_get_the_library_pieces()
    {
        var texts = TokenizerCorpus.Names.Select(TokenizerCorpus.Get).Concat(EdgeTexts).ToList();
        var expected = texts.Select(t => Reference.PreTokenizer!.PreTokenize(t).ToList()).ToList();
        using var start = new Barrier(4);
        var workers = Enumerable.Range(0, 4).Select(w => Task.Factory.StartNew(
            () =>
            {
                start.SignalAndWait();
                for (var round = 0; round < 3; round++)
                {
                    for (var i = 0; i < texts.Count; i++)
                    {
                        var collector = new Collector([]);
                        Pieces.Split(texts[(i + w) % texts.Count], ref collector);
                        Assert.Equal(expected[(i + w) % texts.Count], collector.Pieces);
                    }
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default));
        await Task.WhenAll(workers);
    }

    [Fact]
    public void Its_copies_of_the_pattern_are_distinct_regexes()
    {
        var free = (Regex?[])typeof(Cl100kPreTokenizer).GetField("Free", BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null)!;
        Assert.Equal(4, free.OfType<Regex>().Distinct(ReferenceEqualityComparer.Instance).Count());
    }

    [Fact]
    public void Without_special_tokens_they_are_ordinary_text()
    {
        var plain = new Cl100kPreTokenizer(null);
        var collector = new Collector([]);
        plain.Split("a<|endoftext|>b", ref collector);
        Assert.Equal([(0, 1), (1, 2), (3, 9), (12, 2), (14, 1)], collector.Pieces);
    }

    [Fact]
    public void The_shared_counter_counts_with_it_as_the_library_counts()
    {
        foreach (var text in EdgeTexts)
        {
            Assert.Equal(Reference.CountTokens(text), TiktokenTokenCounter.Shared.CountTokens(text));
        }
    }

    private static void AssertSameAsLibrary(string text)
    {
        var collector = new Collector([]);
        Pieces.Split(text, ref collector);
        Assert.Equal(Reference.PreTokenizer!.PreTokenize(text).ToList(), collector.Pieces);
    }

    private struct Collector(List<(int Offset, int Length)> pieces) : Cl100kPreTokenizer.IPieceVisitor
    {
        public readonly List<(int Offset, int Length)> Pieces => pieces;

        public readonly void Visit(int offset, int length) => pieces.Add((offset, length));
    }
}
