using System.Text;
using CarbonVoice.Sdk.Connector.Internal;
using CarbonVoice.Sdk.Connector.Tests.Support;
using Microsoft.ML.Tokenizers;

namespace CarbonVoice.Sdk.Connector.Tests.Ingestion;

/// <summary>The heap-based merge against the tokenizer's own encoder: the same ids, piece by piece, on texts hard on both.</summary>
public sealed class BytePairEncoderTests
{
    private static readonly TiktokenTokenizer Reference = TiktokenTokenizer.CreateForModel("gpt-4");
    private static readonly Lazy<BytePairEncoder> Cl100k = new(() => new BytePairEncoder(TiktokenVocabulary.LoadCl100kBase()!));

    public static TheoryData<string> Texts => [.. TokenizerCorpus.Names];

    [Theory]
    [MemberData(nameof(Texts))]
    public void Every_piece_of_a_hard_text_has_the_tokenizers_ids(string name)
    {
        var text = TokenizerCorpus.Get(name);
        foreach (var (offset, length) in Reference.PreTokenizer!.PreTokenize(text))
        {
            AssertSameIds(text.Substring(offset, length));
        }
    }

    [Theory]
    [InlineData('a')]
    [InlineData('=')]
    [InlineData(' ')]
    [InlineData('x')]
    [InlineData('0')]
    public void Runs_of_one_character_merge_the_leftmost_of_equal_pairs_first(char character)
    {
        // "aaa…": every pair is the same token, so only the leftmost-first rule decides where the tokens fall.
        for (var length = 1; length <= 300; length++)
        {
            AssertSameIds(new string(character, length));
        }
    }

    [Fact]
    public void Repeating_and_random_letters_of_every_length_have_the_tokenizers_ids()
    {
        var random = new Random(3);
        for (var length = 1; length <= 400; length++)
        {
            AssertSameIds(string.Concat(Enumerable.Repeat("ab", length))[..length]);
            AssertSameIds(string.Concat(Enumerable.Range(0, length).Select(_ => (char)('a' + random.Next(26)))));
            AssertSameIds(string.Concat(Enumerable.Range(0, length).Select(_ => random.Next(3) == 0 ? (char)('A' + random.Next(26)) : (char)('a' + random.Next(26)))));
        }
    }

    [Fact]
    public void Random_text_of_any_code_points_has_the_tokenizers_ids()
    {
        // Not pre-tokenized: spaces, digits, letters, CJK, emoji and lone surrogates merged in one piece.
        var random = new Random(5);
        string[] pool = ["a", "b", "e", " ", "  ", "\n", "0", "1", "é", "数", "据", "の", "한", "🚀", "👋🏽", "\u200d", "\ud800", "\udc00", "'", "-", ".", "=", "ー", "\u00a0"];
        for (var i = 0; i < 2_000; i++)
        {
            var text = new StringBuilder();
            var length = random.Next(1, 120);
            while (text.Length < length)
            {
                text.Append(pool[random.Next(pool.Length)]);
            }

            AssertSameIds(text.ToString());
        }
    }

    [Fact]
    public void Ranks_are_the_tokens_order_and_empty_or_single_bytes_encode_to_themselves()
    {
        var encoder = new BytePairEncoder([[(byte)'a'], [(byte)'b'], [(byte)'a', (byte)'b'], [(byte)'a', (byte)'b', (byte)'a'], [(byte)'a']]);
        Assert.Equal(2, encoder.Rank("ab"u8));
        Assert.Equal(3, encoder.Rank("aba"u8));
        Assert.Equal(0, encoder.Rank("a"u8));
        Assert.Equal(-1, encoder.Rank("ba"u8));
        Assert.Equal(-1, encoder.Rank("abab"u8));

        var tokens = new List<(int Id, int End)>();
        Assert.Equal(0, encoder.Encode([], tokens));
        Assert.Equal(1, encoder.Encode("b"u8, tokens));
        Assert.Equal([(1, 1)], tokens);
        tokens.Clear();
        Assert.Equal(2, encoder.Encode("abab"u8, tokens));
        Assert.Equal([(2, 2), (2, 4)], tokens); // ab + a + b, then "aba" (3) loses to "ab" (2)
        Assert.Throws<InvalidOperationException>(() => encoder.Encode("c"u8, tokens));
        Assert.Throws<InvalidOperationException>(() => encoder.Encode("cab"u8, tokens));
        Assert.Throws<ArgumentNullException>(() => new BytePairEncoder(null!));
    }

    [Fact]
    public void The_tokenizers_utf8_marks_where_each_character_starts()
    {
        var text = "a🚀\ud800é";
        var bytes = new byte[12];
        var starts = new int[text.Length + 1];
        var length = TiktokenTokenCounter.Utf8(text, bytes, starts);
        Assert.Equal(10, length);
        Assert.Equal([0x61, 0xF0, 0x9F, 0x9A, 0x80, 0xED, 0xA0, 0x80, 0xC3, 0xA9], bytes[..length]);
        Assert.Equal([0, 1, -1, 5, 8, 10], starts);
        Assert.Equal(10, TiktokenTokenCounter.Utf8(text, bytes, []));
    }

    private static void AssertSameIds(string piece)
    {
        var bytes = new byte[piece.Length * 3];
        var length = TiktokenTokenCounter.Utf8(piece, bytes, []);
        var tokens = new List<(int Id, int End)>();
        var count = Cl100k.Value.Encode(bytes.AsSpan(0, length), tokens);
        var expected = Reference.EncodeToIds(piece, considerPreTokenization: false);
        Assert.True(expected.SequenceEqual(tokens.Select(t => t.Id)), $"'{piece}': {string.Join(' ', expected)} != {string.Join(' ', tokens.Select(t => t.Id))}");
        Assert.Equal(tokens.Count, count);
        Assert.Equal(length, tokens.Count == 0 ? 0 : tokens[^1].End);
    }
}
