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
    public void Its_copies_of_the_pattern_are_distinct_regexes() => AssertFourDistinctCopiesComeBack();

    private static void AssertFourDistinctCopiesComeBack()
    {
        // Other tests' scans (the shared counter's) hold a copy for a moment: each slot is read once its copy is back.
        var free = FreeCopies();
        var copies = new Regex?[free.Length];
        for (var slot = 0; slot < free.Length; slot++)
        {
            Assert.True(SpinWait.SpinUntil(() => (copies[slot] = Volatile.Read(ref free[slot])) is not null, TimeSpan.FromSeconds(30)), $"slot {slot} never came back");
        }

        Assert.Equal(4, copies.Distinct(ReferenceEqualityComparer.Instance).Count());
    }

    [Fact]
    public void A_scan_holds_a_copy_of_the_pattern_no_other_scan_can_take()
    {
        var visitor = new SlotWatcher(FreeCopies(), []);
        Pieces.Split("one scan of a few words", ref visitor);

        // Inside the scan its copy is out of the free slots (other tests' scans can only take more).
        Assert.NotEmpty(visitor.TakenWhileInside);
        Assert.All(visitor.TakenWhileInside, taken => Assert.True(taken >= 1, $"{taken} slots taken"));
        AssertFourDistinctCopiesComeBack();
    }

    [Fact]
    public void More_threads_than_copies_scan_at_once_and_every_copy_comes_back()
    {
        const int threads = 6;
        using var inside = new Barrier(threads);
        var results = new List<(int, int)>[threads];
        var failures = new Exception?[threads];
        var workers = Enumerable.Range(0, threads).Select(i => new Thread(() =>
        {
            try
            {
                // Each thread waits inside its scan until all are inside: six scans hold the four copies and the fallback at once.
                var visitor = new Waiting(inside, []);
                Pieces.Split("every thread scans these words", ref visitor);
                results[i] = visitor.Pieces;
            }
            catch (Exception ex)
            {
                failures[i] = ex;
                inside.RemoveParticipant();
            }
        })).ToList();
        workers.ForEach(worker => worker.Start());
        Assert.All(workers, worker => Assert.True(worker.Join(TimeSpan.FromSeconds(60))));
        Assert.All(failures, Assert.Null);

        var expected = Reference.PreTokenizer!.PreTokenize("every thread scans these words").ToList();
        Assert.All(results, pieces => Assert.Equal(expected, pieces));
        AssertFourDistinctCopiesComeBack();
    }

    [Fact]
    public void An_empty_set_of_special_tokens_splits_like_none()
    {
        var none = new Collector([]);
        var empty = new Collector([]);
        new Cl100kPreTokenizer(null).Split("a<|endoftext|>b c", ref none);
        new Cl100kPreTokenizer(new Dictionary<string, int>()).Split("a<|endoftext|>b c", ref empty);
        Assert.Equal(none.Pieces, empty.Pieces);
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

    [Fact]
    public void The_shared_counter_finds_prefixes_as_the_library_finds_them()
    {
        foreach (var text in EdgeTexts)
        {
            for (var budget = 1; budget <= Reference.CountTokens(text) + 1; budget++)
            {
                Assert.Equal(LibraryPrefix(text, budget), TiktokenTokenCounter.Shared.GetPrefixLength(text, budget));
            }
        }
    }

    [Fact]
    public void A_counter_counts_special_tokens_as_one_after_its_tokenizer_has_seen_many_words()
    {
        var counter = CounterOverAChurnedTokenizer();
        Assert.All(EdgeTexts, text => Assert.Equal(Reference.CountTokens(text), counter.CountTokens(text)));
    }

    [Fact]
    public void A_counter_finds_prefixes_across_special_tokens_after_its_tokenizer_has_seen_many_words()
    {
        var counter = CounterOverAChurnedTokenizer();
        const string text = "before <|endoftext|> after<|endoftext|>";
        for (var budget = 1; budget <= Reference.CountTokens(text); budget++)
        {
            Assert.Equal(LibraryPrefix(text, budget), counter.GetPrefixLength(text, budget));
        }
    }

    /// <summary>A counter like the shared one over a tokenizer of its own that has forgotten its special tokens.</summary>
    private static TiktokenTokenCounter CounterOverAChurnedTokenizer()
    {
        var tokenizer = ForgetfulTokenizer.Create();
        var shared = TiktokenTokenCounter.Shared;
        var counter = TiktokenTokenCounter.WithCheckedBoundaries(tokenizer, shared.Boundaries, shared.Encoder, new Cl100kPreTokenizer(tokenizer.SpecialTokens));
        Assert.NotNull(counter.Boundaries);
        return counter;
    }

    /// <summary>The prefix the library finds with the reference tokenizer, moved out of a surrogate pair as the counter does.</summary>
    private static int LibraryPrefix(string text, int budget)
        => TiktokenTokenCounter.NotInsideSurrogatePair(text, Reference.GetIndexByTokenCount(text, budget, out _, out _));

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

    private static Regex?[] FreeCopies()
        => (Regex?[])typeof(Cl100kPreTokenizer).GetField("Free", BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null)!;

    /// <summary>Counts, at each piece, the free slots that are empty.</summary>
    private readonly struct SlotWatcher(Regex?[] free, List<int> takenWhileInside) : Cl100kPreTokenizer.IPieceVisitor
    {
        public List<int> TakenWhileInside => takenWhileInside;

        public void Visit(int offset, int length)
        {
            var taken = 0;
            for (var slot = 0; slot < free.Length; slot++)
            {
                taken += Volatile.Read(ref free[slot]) is null ? 1 : 0;
            }

            takenWhileInside.Add(taken);
        }
    }

    private struct Waiting(Barrier inside, List<(int Offset, int Length)> pieces) : Cl100kPreTokenizer.IPieceVisitor
    {
        private bool _waited;

        public readonly List<(int Offset, int Length)> Pieces => pieces;

        public void Visit(int offset, int length)
        {
            if (!_waited)
            {
                _waited = true;
                Assert.True(inside.SignalAndWait(TimeSpan.FromSeconds(60)));
            }

            pieces.Add((offset, length));
        }
    }
}
