using CarbonVoice.Sdk.Connector.Internal;
using CarbonVoice.Sdk.Connector.Tests.Ingestion.Counters;
using CarbonVoice.Sdk.Connector.Tests.Support;
using Microsoft.ML.Tokenizers;

namespace CarbonVoice.Sdk.Connector.Tests.Ingestion;

/// <summary>
/// The shared counter encodes a piece in parts between characters no token spans (<see cref="TokenBoundaries"/>): these
/// tests hold it to the tokenizer's own ids and counts, piece by piece and chunk by chunk, over texts hard on it.
/// </summary>
public sealed class TiktokenPartsTests
{
    // An independent tokenizer instance: what the embedding model would count.
    private static readonly TiktokenTokenizer Reference = TiktokenTokenizer.CreateForModel("gpt-4");
    private static readonly Lazy<List<byte[]>> Vocabulary = new(() => TiktokenVocabulary.LoadCl100kBase()!);
    private readonly TiktokenTokenCounter _counter = TiktokenTokenCounter.Shared;

    public static TheoryData<string> Texts => [.. TokenizerCorpus.Names];

    [Fact]
    public void The_shared_counter_encodes_in_parts_and_a_counter_of_another_tokenizer_does_not()
    {
        Assert.NotNull(_counter.Boundaries);
        Assert.Null(new TiktokenTokenCounter(Reference).Boundaries);
    }

    [Fact]
    public void Parts_are_used_only_with_a_pre_tokenizer_no_normalizer_and_short_ascii_special_tokens()
    {
        var boundaries = _counter.Boundaries;
        Assert.NotNull(new TiktokenTokenCounter(Reference, boundaries).Boundaries);
        Assert.Null(new TiktokenTokenCounter(TiktokenTokenizer.CreateForModel("gpt-4", normalizer: new UpperCaseNormalizer()), boundaries).Boundaries);
        Assert.Null(new TiktokenTokenCounter(TiktokenTokenizer.CreateForModel("gpt-4", new Dictionary<string, int> { ["<|a much longer special token|>"] = 100_300 }), boundaries).Boundaries);
        Assert.Null(new TiktokenTokenCounter(TiktokenTokenizer.Create(new MemoryStream("YQ== 0\n"u8.ToArray()), preTokenizer: null, normalizer: null), boundaries).Boundaries);
    }

    [Fact]
    public void Boundaries_that_disagree_with_the_tokenizer_are_not_used()
    {
        // A vocabulary of no multi-character token says every boundary is unspanned: "数据" would count as two tokens.
        Assert.Null(TiktokenTokenCounter.WithCheckedBoundaries(Reference, new TokenBoundaries([])).Boundaries);
        Assert.NotNull(TiktokenTokenCounter.WithCheckedBoundaries(Reference, _counter.Boundaries).Boundaries);
        Assert.Null(TiktokenTokenCounter.WithCheckedBoundaries(Reference, null).Boundaries);
    }

    [Fact]
    public async Task A_fresh_counter_filling_its_character_caches_from_many_threads_counts_like_the_tokenizer()
    {
        var counter = new TiktokenTokenCounter(Reference, _counter.Boundaries, _counter.Encoder);
        var texts = TokenizerCorpus.Names.Select(TokenizerCorpus.Get).ToList();
        var expected = texts.Select(t => Reference.CountTokens(t)).ToList();
        // Each worker starts at another text, so that the caches are filled by several threads at once.
        var counts = await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(() => Enumerable.Range(0, texts.Count).Select(i => (i + worker) % texts.Count).Select(t => (Text: t, Tokens: counter.CountTokens(texts[t]))).ToList())));
        Assert.All(counts.SelectMany(c => c), c => Assert.Equal(expected[c.Text], c.Tokens));
    }

    [Fact]
    public void Every_cl100k_token_encodes_to_itself()
    {
        // The tokenizer counts a piece that is itself a token as one token without merging: parts agree with the merge only
        // because every token's bytes merge back into that token.
        var reference = new ReferenceBytePairEncoder(Vocabulary.Value);
        var failures = Enumerable.Range(0, Vocabulary.Value.Count).Where(id => reference.Encode(Vocabulary.Value[id]) is not [var only] || only != id).ToList();
        Assert.Empty(failures);
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public void The_reference_merge_gives_the_tokenizers_ids(string name)
    {
        // The yardstick of the test above, held to the tokenizer itself on the pieces of hard texts.
        var reference = new ReferenceBytePairEncoder(Vocabulary.Value);
        var text = TokenizerCorpus.Get(name);
        foreach (var (offset, length) in Reference.PreTokenizer!.PreTokenize(text).Where(p => p.Length <= 48).Take(400))
        {
            var piece = text.AsSpan(offset, length);
            Assert.Equal(Reference.EncodeToIds(piece, considerPreTokenization: false), reference.Encode(Utf8(piece)));
        }
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public void A_piece_encoded_in_parts_has_the_tokenizers_ids_and_count(string name)
    {
        var boundaries = _counter.Boundaries!;
        var text = TokenizerCorpus.Get(name);
        var parts = 0;
        foreach (var (offset, length) in Reference.PreTokenizer!.PreTokenize(text))
        {
            var piece = text.AsSpan(offset, length);
            var ids = new List<int>();
            for (var start = 0; start < piece.Length;)
            {
                var end = boundaries.SegmentEnd(piece, start);
                ids.AddRange(Reference.EncodeToIds(piece[start..end], considerPreTokenization: false));
                start = end;
                parts++;
            }

            Assert.Equal(Reference.EncodeToIds(piece, considerPreTokenization: false), ids);
            Assert.Equal(ids.Count, _counter.CountPiece(piece));
        }

        Assert.Equal(Reference.CountTokens(text), _counter.CountTokens(text));
        Assert.True(parts > 0);
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public void The_pieces_of_a_text_cover_it_and_exact_ones_add_up_to_its_count(string name)
    {
        var text = TokenizerCorpus.Get(name);
        var pieces = _counter.GetPieces(text, 64);
        Assert.Equal(text.Length, pieces.Sum(p => p.Length));
        Assert.All(pieces.Zip(pieces.Skip(1)), p => Assert.Equal(p.First.End, p.Second.Start));
        Assert.All(pieces, p => Assert.InRange(p.Length, 1, 64));
        Assert.All(pieces, p => Assert.False(char.IsHighSurrogate(text[p.End - 1]) && p.End < text.Length && char.IsLowSurrogate(text[p.End])));

        // A run of exact pieces has the tokens of the tokenizer's pieces it makes up (parts of a long one add up to it).
        var position = 0;
        foreach (var (offset, length) in Reference.PreTokenizer!.PreTokenize(text))
        {
            var inside = pieces.Where(p => p.Start >= offset && p.End <= offset + length).ToList();
            Assert.Equal(length, inside.Sum(p => p.Length));
            if (inside.All(p => p.Exact) || (inside.Count > 1 && inside.SkipLast(1).All(p => p.Exact) && inside[^1].Length == 1))
            {
                Assert.Equal(Reference.CountTokens(text.AsSpan(offset, length), considerPreTokenization: false), inside.Sum(p => p.Tokens));
            }

            position = offset + length;
        }

        Assert.Equal(text.Length, position);
    }

    [Fact]
    public void A_long_piece_is_cut_between_characters_into_exact_parts()
    {
        var cjk = string.Concat(Enumerable.Repeat("数据同步非常重要我们需要在本季度完成客户续约计划并更新路线图", 20));
        var pieces = _counter.GetPieces(cjk, 64);
        Assert.True(pieces.Count >= 10);
        Assert.All(pieces, p => Assert.True(p.Exact));
        Assert.Equal(Reference.CountTokens(cjk), pieces.Sum(p => p.Tokens));
        Assert.All(pieces, p => Assert.Equal(Reference.CountTokens(cjk.Substring(p.Start, p.Length)), p.Tokens));
    }

    [Fact]
    public void A_stretch_no_boundary_cuts_is_cut_between_its_tokens_or_without_the_encoder_into_windows()
    {
        // Letters every pair of which some token spans: one stretch. The encoder cuts it between tokens, into exact parts.
        var letters = "https://example.test/" + string.Concat(Enumerable.Range(0, 300).Select(i => (char)('a' + ((i * 7) % 26))));
        var pieces = _counter.GetPieces(letters, 64);
        Assert.All(pieces.Skip(1), p => Assert.True(p.Exact));
        Assert.All(pieces, p => Assert.Equal(Reference.CountTokens(letters.Substring(p.Start, p.Length)), p.Tokens));
        Assert.Equal(Reference.CountTokens(letters), pieces.Sum(p => p.Tokens));

        // Without the encoder: windows anywhere, whose counts are estimates; so are the windows of a stretch without a cut
        // between characters within the limit (one character of 4 bytes in several tokens, again and again).
        var windows = new TiktokenTokenCounter(Reference, _counter.Boundaries).GetPieces(new string('x', 200), 64);
        Assert.Equal([(0, 64, false), (64, 64, false), (128, 64, false), (192, 8, false)], windows.Select(p => (p.Start, p.Length, p.Exact)));

        // Windows between parts: CJK, then letters in the same piece, then CJK again.
        var mixed = "数据同步" + new string('x', 100) + "数据同步";
        var mixedPieces = new TiktokenTokenCounter(Reference, _counter.Boundaries).GetPieces(mixed, 64);
        Assert.Equal(mixed.Length, mixedPieces.Sum(p => p.Length));
        Assert.Contains(mixedPieces, p => !p.Exact);
        Assert.All(_counter.GetPieces(mixed, 64), p => Assert.True(p.Exact));
    }

    [Fact]
    public void The_last_part_of_a_piece_is_inexact_when_it_is_a_lone_character()
    {
        // 64 rockets then "-": the "-" is a part of its own, and a chunk starting with it would read "-word" as one piece.
        var text = string.Concat(Enumerable.Repeat("🚀", 32)) + "-word";
        var pieces = _counter.GetPieces(text, 64);
        Assert.Equal((64, 1, false), (pieces[1].Start, pieces[1].Length, pieces[1].Exact));
        Assert.True(pieces[0].Exact);
    }

    [Theory]
    [InlineData("-word")]
    [InlineData("'s")]
    [InlineData("'ll go")]
    [InlineData("「数据")]
    public void A_chunk_that_starts_with_the_lone_last_character_of_a_long_piece_is_counted_exactly(string tail)
    {
        // Budgets around the rockets' tokens make some chunk start right at the lone character after them.
        var chunker = new TokenChunker(_counter);
        var text = string.Concat(Enumerable.Repeat("🚀", 32)) + tail;
        var starts = 0;
        foreach (var header in new[] { "", "H" })
        {
            for (var max = 16; max <= 120; max++)
            {
                var chunks = chunker.SplitCounted(header, text, max, 0);
                Assert.All(chunks, c => Assert.Equal(Reference.CountTokens(c.Text), c.Tokens));
                starts += chunks.Count(c => c.Text.StartsWith(header.Length == 0 ? tail[..1] : header + "\n" + tail[..1], StringComparison.Ordinal));
            }
        }

        Assert.True(starts > 0);
    }

    [Theory]
    [InlineData(512, 64)]
    [InlineData(128, 16)]
    [InlineData(40, 8)]
    [InlineData(16, 0)]
    public void Chunks_that_start_and_end_inside_long_pieces_are_counted_exactly(int max, int overlap)
    {
        var chunker = new TokenChunker(_counter);
        foreach (var name in TokenizerCorpus.Names)
        {
            var chunks = chunker.SplitCounted("Conversation: 数据 🚀 | Speaker: Ana", TokenizerCorpus.Get(name), max, overlap);
            Assert.All(chunks, c => Assert.Equal(Reference.CountTokens(c.Text), c.Tokens));
            Assert.All(chunks, c => Assert.True(c.Tokens <= max, $"{name}: {c.Tokens} > {max}"));
        }
    }

    [Theory]
    [InlineData("cjk")]
    [InlineData("letters")]
    public void A_megabyte_without_a_space_is_chunked_with_exact_counts(string kind)
    {
        // One pre-tokenizer piece of a million characters: CJK (cut between characters) or random letters (one stretch
        // the merge encodes whole, cut between its tokens). The tokenizer alone would take hours on either; how fast it is
        // is measured in the chunking benchmark (corpus cjk), not here.
        var random = new Random(4);
        const string cjk = "数据同步非常重要我们需要在本季度完成客户续约计划并更新路线图日本語のテキストには空白がありません한국어문장도띄어쓰기없이";
        var text = string.Concat(Enumerable.Range(0, kind == "cjk" ? 1_000_000 : 300_000).Select(_ => kind == "cjk" ? cjk[random.Next(cjk.Length)] : (char)('a' + random.Next(26))));
        var chunks = new TokenChunker(_counter).SplitCounted("H", text, 512, 0);
        Assert.All(chunks, c => Assert.True(c.Tokens <= 512));
        Assert.All(chunks.Where((_, i) => i % 40 == 0), c => Assert.Equal(Reference.CountTokens(c.Text), c.Tokens));
        Assert.Equal(text, string.Concat(chunks.Select(c => c.Text[2..])));
    }

    /// <summary>The tokenizer's UTF-8 of a text (a lone surrogate as three bytes), as the counter writes it.</summary>
    private static byte[] Utf8(ReadOnlySpan<char> text)
    {
        var bytes = new byte[text.Length * 3];
        return bytes[..TiktokenTokenCounter.Utf8(text, bytes, [])];
    }

    private sealed class UpperCaseNormalizer : Normalizer
    {
        public override string Normalize(string original) => original.ToUpperInvariant();

        public override string Normalize(ReadOnlySpan<char> original) => original.ToString().ToUpperInvariant();
    }
}
