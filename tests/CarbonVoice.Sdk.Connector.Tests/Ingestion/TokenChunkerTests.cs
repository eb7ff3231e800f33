using System.Diagnostics;
using CarbonVoice.Sdk.Connector.Tests.Support;
using Microsoft.ML.Tokenizers;

namespace CarbonVoice.Sdk.Connector.Tests.Ingestion;

public sealed class TokenChunkerTests
{
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
            var chunks = _chunker.Split(header, text, max, overlap);
            Assert.NotEmpty(chunks);
            Assert.All(chunks, c => Assert.True(Reference.CountTokens(c) <= max, $"{Reference.CountTokens(c)} > {max}: {c[..Math.Min(80, c.Length)]}"));
            Assert.All(chunks, c => Assert.StartsWith(_chunker.FitHeader(header, max), c, StringComparison.Ordinal));
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
    public void A_giant_word_falls_back_to_characters_without_breaking_surrogate_pairs()
    {
        var text = string.Concat(Enumerable.Repeat("🚀", 5000));
        var chunks = _chunker.Split("H", text, 64, 8);
        Assert.All(chunks, c => Assert.False(char.IsHighSurrogate(c[^1])));
        Assert.Equal(5000, chunks.Sum(c => (c.Length - 2) / 2));
    }

    [Fact]
    public void A_header_longer_than_a_quarter_of_the_limit_is_cut()
    {
        var header = string.Join(' ', Enumerable.Repeat("Speakers: many people", 200));
        var fitted = _chunker.FitHeader(header, 128);
        Assert.True(Reference.CountTokens(fitted) <= 32);
        Assert.All(_chunker.Split(header, Corpus.Sentences(9, 100), 128, 16), c => Assert.True(Reference.CountTokens(c) <= 128));
    }

    [Fact]
    public void One_megabyte_transcript_is_chunked_quickly_and_within_the_limit()
    {
        var text = Corpus.Sentences(7, 40_000);
        while (text.Length < 1_000_000)
        {
            text += text;
        }

        var watch = Stopwatch.StartNew();
        var chunks = _chunker.Split("H", text[..1_000_000], 512, 64);
        watch.Stop();
        Assert.True(chunks.Count > 300);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), watch.Elapsed.ToString());
        Assert.All(chunks, c => Assert.True(Reference.CountTokens(c) <= 512));
    }
}
