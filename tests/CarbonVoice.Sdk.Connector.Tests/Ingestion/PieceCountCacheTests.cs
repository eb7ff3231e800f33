using CarbonVoice.Sdk.Connector.Tests.Support;
using Microsoft.ML.Tokenizers;

namespace CarbonVoice.Sdk.Connector.Tests.Ingestion;

/// <summary>The per-thread cache of word counts answers what the tokenizer answers, on every thread, and stays bounded.</summary>
public sealed class PieceCountCacheTests
{
    private static readonly Tokenizer Reference = TiktokenTokenizer.CreateForModel("gpt-4");

    private static readonly string[] Words = [" the", "The", " café", " mañana", "😀", " 😀", "中文", "한국어", " don't", "'s", " 12345", "...", " \t", "\n", "x"];

    [Fact]
    public void A_word_counts_as_the_tokenizer_counts_it_first_and_again()
    {
        var cache = new PieceCountCache(Reference);

        foreach (var round in new[] { 1, 2 })
        {
            Assert.All(Words, word => Assert.Equal(Reference.CountTokens(word, considerPreTokenization: false), cache.Count(word)));
        }

        Assert.Equal(Words.Distinct(StringComparer.Ordinal).Count(), cache.CountOnThisThread);
    }

    [Fact]
    public void A_full_cache_is_emptied_and_still_answers_right()
    {
        var cache = new PieceCountCache(Reference);
        var words = Enumerable.Range(0, PieceCountCache.Capacity + 10).Select(i => " w" + i.ToString("x", System.Globalization.CultureInfo.InvariantCulture)).ToList();

        foreach (var word in words)
        {
            cache.Count(word);
        }

        Assert.Equal(10, cache.CountOnThisThread);
        Assert.All(words.Take(50).Concat(words.TakeLast(50)), word => Assert.Equal(Reference.CountTokens(word, considerPreTokenization: false), cache.Count(word)));
    }

    [Fact]
    public void Threads_have_caches_of_their_own_with_the_same_answers()
    {
        var cache = new PieceCountCache(Reference);
        var expected = Words.Select(word => Reference.CountTokens(word, considerPreTokenization: false)).ToArray();
        var seen = new int[4];

        var threads = Enumerable.Range(0, seen.Length).Select(i => new Thread(() =>
        {
            for (var round = 0; round < 50; round++)
            {
                Assert.Equal(expected, Words.Select(word => cache.Count(word)).ToArray());
            }

            seen[i] = cache.CountOnThisThread;
        })).ToList();
        threads.ForEach(thread => thread.Start());
        threads.ForEach(thread => thread.Join());

        Assert.All(seen, count => Assert.Equal(Words.Length, count));
    }

    [Fact]
    public void A_special_token_counts_as_one_however_many_words_the_tokenizer_has_seen()
    {
        var tokenizer = ForgetfulTokenizer.Create();
        var cache = new PieceCountCache(tokenizer);

        Assert.All(tokenizer.SpecialTokens!.Keys, special => Assert.Equal(1, cache.Count(special)));
        Assert.Equal(Reference.CountTokens("<|endoftext", considerPreTokenization: false), cache.Count("<|endoftext"));
    }

    [Fact]
    public void A_word_seen_before_on_this_thread_is_not_counted_by_the_tokenizer_again()
    {
        var tokenizer = new CountingTokenizer(Reference);
        var cache = new PieceCountCache(tokenizer);

        var first = Words.Select(word => cache.Count(word)).ToList();
        var asked = tokenizer.Calls;
        var again = Words.Select(word => cache.Count(word)).ToList();

        Assert.Equal(Words.Distinct(StringComparer.Ordinal).Count(), asked);
        Assert.Equal(asked, tokenizer.Calls);
        Assert.Equal(first, again);
    }

    /// <summary>A tokenizer that counts as another does and counts the times it was asked.</summary>
    private sealed class CountingTokenizer(Tokenizer inner) : Tokenizer
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        protected override int CountTokens(string? text, ReadOnlySpan<char> textSpan, EncodeSettings settings)
        {
            Interlocked.Increment(ref _calls);
            return inner.CountTokens(text is null ? textSpan : text.AsSpan(), settings.ConsiderPreTokenization, settings.ConsiderNormalization);
        }

        protected override EncodeResults<EncodedToken> EncodeToTokens(string? text, ReadOnlySpan<char> textSpan, EncodeSettings settings)
            => throw new NotSupportedException();

        public override System.Buffers.OperationStatus Decode(IEnumerable<int> ids, Span<char> destination, out int idsConsumed, out int charsWritten)
            => inner.Decode(ids, destination, out idsConsumed, out charsWritten);
    }
}
