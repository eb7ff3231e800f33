using CarbonVoice.Sdk.Connector.Tests.Ingestion.Counters;
using CarbonVoice.Sdk.Connector.Tests.Support;
using Microsoft.ML.Tokenizers;

namespace CarbonVoice.Sdk.Connector.Tests.Ingestion;

public sealed class TokenChunkerTests
{
    // Eight sentences of 5 characters ("Aaa. "), the last of 4: 39 characters.
    private const string EightSentences = "Aaa. Bbb. Ccc. Ddd. Eee. Fff. Ggg. Hhh.";

    // An independent tokenizer instance: the limit is checked with the same encoding, not the same object.
    private static readonly Tokenizer Reference = TiktokenTokenizer.CreateForModel("gpt-4");
    private readonly TokenChunker _chunker = new(TiktokenTokenCounter.Shared);

    [Fact]
    public void Cl100k_base_loads_from_the_data_package_without_network()
    {
        var handler = TiktokenTokenCounter.Shared;
        Assert.Equal(2, handler.CountTokens("hello world"));
        Assert.Equal(Reference.CountTokens("Carbon Voice 👋"), handler.CountTokens("Carbon Voice 👋"));
    }

    [Theory]
    [InlineData(512, 64)]
    [InlineData(128, 32)]
    [InlineData(64, 0)]
    [InlineData(32, 8)]
    public void Every_chunk_of_a_varied_corpus_is_within_the_limit_header_and_overlap_included(int max, int overlap)
    {
        var header = "Conversation: Weekly sync 🚀 | Speaker: Ana Núñez | Time: 2026-02-03 09:46 UTC";
        foreach (var text in Corpus.Varied())
        {
            var chunks = _chunker.SplitCounted(header, text, max, overlap);
            Assert.NotEmpty(chunks);
            Assert.All(chunks, c => Assert.True(Reference.CountTokens(c.Text) <= max, $"{Reference.CountTokens(c.Text)} > {max}: {c.Text[..Math.Min(80, c.Text.Length)]}"));
            Assert.All(chunks, c => Assert.Equal(Reference.CountTokens(c.Text), c.Tokens));
            Assert.All(chunks, c => Assert.StartsWith(_chunker.FitHeader(header, max), c.Text, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Short_text_is_one_chunk_with_the_header_line()
    {
        var chunks = _chunker.Split("Header", "One sentence. Two sentences.", 512, 64);
        Assert.Equal("Header\nOne sentence. Two sentences.", Assert.Single(chunks));
    }

    [Fact]
    public void Long_text_splits_on_sentence_boundaries_with_overlap_and_loses_nothing()
    {
        var text = string.Join(" ", Enumerable.Range(0, 300).Select(i => $"Sentence number {i} talks about the renewal plan."));
        var chunks = _chunker.Split("H", text, 128, 32);
        Assert.True(chunks.Count > 5);
        foreach (var chunk in chunks)
        {
            var body = chunk["H\n".Length..];
            Assert.StartsWith("Sentence number", body, StringComparison.Ordinal);
            Assert.EndsWith("plan.", body, StringComparison.Ordinal);
        }

        for (var i = 1; i < chunks.Count; i++)
        {
            var previousLast = chunks[i - 1].Split(". ")[^1];
            Assert.Contains(previousLast.TrimEnd('.'), chunks[i], StringComparison.Ordinal);
        }

        for (var n = 0; n < 300; n++)
        {
            Assert.Contains(chunks, c => c.Contains($"Sentence number {n} talks", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Sentences_fill_the_budget_exactly_and_the_overlap_repeats_whole_trailing_sentences_up_to_its_size()
    {
        // "H\n" is 2 tokens, so 30 are left: six sentences (30), then an overlap of one sentence (5 of at most 8).
        var chunker = new TokenChunker(new CharacterCounter(PieceMode.Exact));
        var chunks = chunker.SplitCounted("H", EightSentences, 32, 8);
        Assert.Equal([new("H\nAaa. Bbb. Ccc. Ddd. Eee. Fff.", 31), new("H\nFff. Ggg. Hhh.", 16)], chunks);
    }

    [Fact]
    public void An_overlap_of_two_sentences_is_taken_when_it_fits()
    {
        var chunker = new TokenChunker(new CharacterCounter(PieceMode.Exact));
        var chunks = chunker.Split("H", EightSentences, 32, 10);
        Assert.Equal(["H\nAaa. Bbb. Ccc. Ddd. Eee. Fff.", "H\nEee. Fff. Ggg. Hhh."], chunks);
    }

    [Fact]
    public void Without_overlap_no_sentence_is_repeated()
    {
        var chunker = new TokenChunker(new CharacterCounter(PieceMode.Exact));
        Assert.Equal(["H\nAaa. Bbb. Ccc. Ddd. Eee. Fff.", "H\nGgg. Hhh."], chunker.Split("H", EightSentences, 32, 0));
    }

    [Fact]
    public void A_sentence_over_the_budget_is_cut_on_words()
    {
        var chunker = new TokenChunker(new CharacterCounter(PieceMode.Exact));
        var chunks = chunker.SplitCounted("H", "aaaa bbbb cccc dddd eeee ffff gggg", 32, 8);
        Assert.Equal([new("H\naaaa bbbb cccc dddd eeee ffff", 31), new("H\nffff gggg", 11)], chunks);
    }

    [Fact]
    public void A_word_over_the_budget_is_cut_into_groups_of_pieces()
    {
        var chunker = new TokenChunker(new CharacterCounter(PieceMode.Exact));
        var chunks = chunker.SplitCounted("H", new string('x', 70), 32, 8);
        Assert.Equal([32, 32, 12], chunks.Select(c => c.Tokens));
        Assert.Equal(70, chunks.Sum(c => c.Text.Length - 2));
    }

    [Fact]
    public void A_piece_over_the_budget_falls_back_to_characters_and_inexact_chunks_are_counted_again()
    {
        // Default pieces: inexact windows of 64 characters; each is over the 30 left, so it is cut on characters.
        var chunker = new TokenChunker(new CharacterCounter(PieceMode.Windows));
        var chunks = chunker.SplitCounted("H", new string('x', 100), 32, 8);
        Assert.Equal([30, 30, 4, 30, 6], chunks.Select(c => c.Text.Length - 2));
        Assert.All(chunks, c => Assert.Equal(c.Text.Length, c.Tokens));
    }

    [Fact]
    public void Chunks_whose_estimate_was_low_shrink_by_whole_sentences_and_the_overlap_follows_the_estimate()
    {
        // Pieces report half their tokens: all eight sentences look like 20, are 39; the chunk shrinks to six (31 with "H\n").
        var chunker = new TokenChunker(new CharacterCounter(PieceMode.HalfCounted));
        var chunks = chunker.SplitCounted("H", EightSentences, 32, 8);
        Assert.Equal([new("H\nAaa. Bbb. Ccc. Ddd. Eee. Fff.", 31), new("H\nDdd. Eee. Fff. Ggg. Hhh.", 26)], chunks);
    }

    [Fact]
    public void A_single_unit_over_the_limit_is_split_in_two_at_the_counter_prefix()
    {
        // 40 characters reported as 20 tokens are one unit, 42 with "H\n": cut at 20 - 2 = 18 characters, the rest next.
        var chunker = new TokenChunker(new CharacterCounter(PieceMode.HalfCounted));
        var chunks = chunker.SplitCounted("H", new string('x', 40), 32, 8);
        Assert.Equal([new("H\n" + new string('x', 18), 20), new("H\n" + new string('x', 22), 24)], chunks);
    }

    [Fact]
    public void An_overlap_that_would_crowd_out_the_next_unit_is_dropped()
    {
        // After "Aaa. Bbb." (10 of 30), one sentence of overlap (5) plus the next one (26) is over the budget: no overlap.
        var chunker = new TokenChunker(new CharacterCounter(PieceMode.Exact));
        var chunks = chunker.Split("H", "Aaa. Bbb. " + new string('C', 25) + ".", 32, 12);
        Assert.Equal(["H\nAaa. Bbb.", "H\n" + new string('C', 25) + "."], chunks);
    }

    [Theory]
    [InlineData(PieceMode.Exact, "abc", 6)]
    [InlineData(PieceMode.Windows, "abc", 12)]
    [InlineData(PieceMode.Exact, EightSentences, 42)]
    public void The_text_is_tokenized_once_and_only_chunk_ends_are_counted_again(PieceMode mode, string body, int characters)
    {
        // Exact: header pieces (1) and "H\n" (2), body pieces; each chunk's trimmed ends only when they hold whitespace.
        // Windows: header pieces (1), "H" (1) and "H\n" (2), body pieces (3) and the whole chunk counted again (5).
        var counter = new CountingTokenCounter(new CharacterCounter(mode));
        _ = new TokenChunker(counter).Split("H", body, 32, 8);
        Assert.Equal(characters, counter.Characters);
    }

    [Fact]
    public void A_character_fallback_window_is_cut_at_the_counter_prefix()
    {
        // One inexact window of 60 characters is over the 14 tokens left after "H\n": it is cut at the counter's prefix of 14.
        var chunker = new TokenChunker(new CharacterCounter(PieceMode.Windows));
        var text = string.Concat(Enumerable.Repeat("ab", 30));
        var chunks = chunker.SplitCounted("H", text, 16, 2);
        Assert.All(chunks, c => Assert.True(c.Tokens <= 16));
        Assert.Equal(text, string.Concat(chunks.Select(c => c.Text[2..])));
        Assert.Equal([14, 14, 14, 14, 4], chunks.Select(c => c.Text.Length - 2));
    }

    [Fact]
    public void A_giant_word_falls_back_to_characters_without_breaking_surrogate_pairs()
    {
        var text = string.Concat(Enumerable.Repeat("🚀", 5000));
        var chunks = _chunker.Split("H", text, 64, 8);
        Assert.All(chunks, c => Assert.False(char.IsHighSurrogate(c[^1])));
        Assert.Equal(5000, chunks.Sum(c => (c.Length - 2) / 2));
    }

    [Fact]
    public void Space_less_cjk_is_cut_into_exact_parts_tokenized_once_and_every_chunk_is_counted_exactly()
    {
        var text = string.Concat(Enumerable.Repeat("数据同步非常重要", 400));
        var counter = new CountingTokenCounter(TiktokenTokenCounter.Shared);
        var chunks = new TokenChunker(counter).SplitCounted("H", text, 128, 16);
        Assert.Equal(text, string.Concat(chunks.Select(c => c.Text[2..])));
        Assert.All(chunks, c => Assert.Equal(Reference.CountTokens(c.Text), c.Tokens));
        Assert.All(chunks, c => Assert.InRange(c.Tokens, 64, 128));

        // The body once, the header ("H" and "H\n"): no chunk is counted again.
        Assert.Equal(text.Length + 3, counter.Characters);
    }

    [Fact]
    public void A_long_url_is_cut_between_its_tokens_tokenized_once_and_every_chunk_is_counted_exactly()
    {
        var random = new Random(2);
        var text = string.Join(' ', Enumerable.Range(0, 20).Select(_ => "https://example.test/" + string.Concat(Enumerable.Range(0, 400).Select(_ => (char)('a' + random.Next(26))))));
        var counter = new CountingTokenCounter(TiktokenTokenCounter.Shared);
        var chunks = new TokenChunker(counter).SplitCounted("H", text, 64, 8);
        Assert.All(chunks, c => Assert.Equal(Reference.CountTokens(c.Text), c.Tokens));
        Assert.All(chunks, c => Assert.True(c.Tokens <= 64));

        // The body once and the header; a chunk ending before a space has it trimmed and its last piece counted again.
        Assert.InRange(counter.Characters, text.Length, text.Length + (chunks.Count * 10));
    }

    [Fact]
    public void A_header_longer_than_a_quarter_of_the_limit_is_cut()
    {
        var header = string.Join(' ', Enumerable.Repeat("Speakers: many people", 200));
        var fitted = _chunker.FitHeader(header, 128);
        Assert.True(Reference.CountTokens(fitted) <= 32);
        Assert.EndsWith("…", fitted, StringComparison.Ordinal);
        Assert.All(_chunker.Split(header, Corpus.Sentences(9, 100), 128, 16), c => Assert.True(Reference.CountTokens(c) <= 128));
    }

    [Fact]
    public void The_header_line_count_includes_its_line_break()
    {
        _ = _chunker.FitHeader("Conversation: Weekly sync.", 512, out var lineTokens);
        Assert.Equal(Reference.CountTokens("Conversation: Weekly sync.\n"), lineTokens);
        _ = _chunker.FitHeader("  ", 512, out var empty);
        Assert.Equal(0, empty);
    }

    [Fact]
    public void One_megabyte_transcript_is_chunked_within_the_limit_with_exact_counts()
    {
        var text = Corpus.Sentences(7, 40_000);
        while (text.Length < 1_000_000)
        {
            text += text;
        }

        var chunks = _chunker.SplitCounted("H", text[..1_000_000], 512, 64);
        Assert.True(chunks.Count > 300);
        Assert.All(chunks, c => Assert.Equal(Reference.CountTokens(c.Text), c.Tokens));
        Assert.All(chunks, c => Assert.True(c.Tokens <= 512));
    }

    [Theory]
    [InlineData(16)]
    [InlineData(15)]
    [InlineData(0)]
    public void Arguments_out_of_range_are_refused(int max)
    {
        if (max == 0)
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => _chunker.Split("H", "text", 64, -1));
            Assert.Throws<ArgumentOutOfRangeException>(() => _chunker.Split("H", "text", 64, 32));
            return;
        }

        if (max < 16)
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => _chunker.Split("H", "text", max, 0));
        }
        else
        {
            Assert.Equal(["H\ntext"], _chunker.Split("H", "text", max, 7));
        }
    }

    [Fact]
    public void A_header_with_a_piece_too_long_to_encode_whole_is_counted_directly()
    {
        var header = "Conversation: " + new string('é', 100);
        var fitted = _chunker.FitHeader(header, 512, out var lineTokens);
        Assert.Equal(header, fitted);
        Assert.Equal(Reference.CountTokens(header + "\n"), lineTokens);
    }

    [Fact]
    public void Null_arguments_are_refused()
    {
        Assert.Throws<ArgumentNullException>(() => new TokenChunker(null!));
        Assert.Throws<ArgumentNullException>(() => _chunker.Split(null!, "text", 64, 8));
        Assert.Throws<ArgumentNullException>(() => _chunker.Split("H", null!, 64, 8));
        Assert.Throws<ArgumentNullException>(() => _chunker.FitHeader(null!, 64));
    }

    [Fact]
    public void An_empty_body_is_the_header_alone_or_nothing()
    {
        Assert.Equal(["H"], _chunker.Split("H", "  \n ", 64, 8));
        Assert.Empty(_chunker.Split("", " ", 64, 8));
    }

    [Fact]
    public void A_single_character_that_does_not_fit_is_refused()
    {
        var chunker = new TokenChunker(new CostlyEmojiCounter());
        Assert.Equal(["H\nab"], chunker.Split("H", "ab", 16, 0));
        Assert.Throws<InvalidOperationException>(() => chunker.Split("H", "🚀", 16, 0));
        Assert.Throws<InvalidOperationException>(() => chunker.Split("H", "a🚀", 16, 0));
    }

    /// <summary>A surrogate pair costs 20 tokens, anything else 1: a single emoji never fits in 16.</summary>
    private sealed class CostlyEmojiCounter : ITokenCounter
    {
        public int CountTokens(string text) => text.Length + (19 * text.Count(char.IsHighSurrogate));

        public int GetPrefixLength(string text, int maxTokens)
        {
            var length = 0;
            while (length < text.Length && CountTokens(text[..(length + 1)]) <= maxTokens)
            {
                length++;
            }

            return TiktokenTokenCounter.NotInsideSurrogatePair(text, length);
        }
    }
}
