using Microsoft.ML.Tokenizers;

namespace CarbonVoice.Sdk.Connector.Tests.Ingestion;

public sealed class TiktokenTokenCounterTests
{
    private readonly TiktokenTokenCounter _counter = TiktokenTokenCounter.Shared;

    [Fact]
    public void Pieces_are_the_pre_tokenizer_pieces_with_their_counts()
    {
        var pieces = _counter.GetPieces("Hello world. Done", 64);
        Assert.Equal([new(0, 5, 1, true), new(5, 6, 1, true), new(11, 1, 1, true), new(12, 5, 1, true)], pieces);
    }

    [Fact]
    public void A_piece_longer_than_the_maximum_is_cut_into_inexact_windows_never_inside_a_surrogate_pair()
    {
        // One symbol piece of 101 characters whose 64th character is a high surrogate: the first window stops before it.
        // (A counter without the vocabulary's boundaries: it cuts anywhere.)
        var counter = new TiktokenTokenCounter(TiktokenTokenizer.CreateForModel("gpt-4"));
        var text = string.Concat(Enumerable.Repeat("🚀", 20)) + "!" + string.Concat(Enumerable.Repeat("🚀", 30));
        var pieces = counter.GetPieces(text, 64);
        Assert.Null(counter.Boundaries);
        Assert.Equal([(0, 63, false), (63, 38, false)], pieces.Select(p => (p.Start, p.Length, p.Exact)));
        Assert.Equal(counter.CountTokens(text[..63]), pieces[0].Tokens);
    }

    [Fact]
    public void The_default_pieces_are_inexact_windows()
    {
        ITokenCounter plain = new PlainCounter();
        Assert.Equal([new(0, 4, 4, false), new(4, 2, 2, false)], plain.GetPieces("abcdef", 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => plain.GetPieces("abcdef", 1));
    }

    [Theory]
    [InlineData("👋🏽🚀", 5, 2)]
    [InlineData("👋🏽🚀", 6, 4)]
    [InlineData("👋🏽🚀", 9, 6)]
    [InlineData("a🚀b", 1, 1)]
    [InlineData("abc", 0, 0)]
    [InlineData("", 3, 0)]
    public void The_prefix_length_is_the_longest_prefix_within_the_budget(string text, int maxTokens, int expected)
        => Assert.Equal(expected, _counter.GetPrefixLength(text, maxTokens));

    [Theory]
    [InlineData("a🚀", 2, 1)]
    [InlineData("a🚀", 1, 1)]
    [InlineData("a🚀", 3, 3)]
    [InlineData("🚀", 0, 0)]
    public void A_cut_between_the_halves_of_a_surrogate_pair_moves_before_the_pair(string text, int index, int expected)
        => Assert.Equal(expected, TiktokenTokenCounter.NotInsideSurrogatePair(text, index));

    [Fact]
    public void Text_the_pre_tokenizer_leaves_out_is_still_covered_by_inexact_pieces()
    {
        // A byte-level vocabulary with a whitespace pre-tokenizer: the spaces between words are in no piece.
        var counter = new TiktokenTokenCounter(TiktokenTokenizer.Create(ByteVocabulary(), PreTokenizer.CreateWhiteSpace(), normalizer: null));
        var pieces = counter.GetPieces("  ab  cd ", 64);
        Assert.Equal([(0, 2, false), (2, 2, true), (4, 2, false), (6, 2, true), (8, 1, false)], pieces.Select(p => (p.Start, p.Length, p.Exact)));
        Assert.Equal(2, pieces[1].Tokens);
    }

    [Fact]
    public void Without_a_pre_tokenizer_the_pieces_are_inexact_windows()
    {
        var counter = new TiktokenTokenCounter(TiktokenTokenizer.Create(ByteVocabulary(), preTokenizer: null, normalizer: null));
        var pieces = counter.GetPieces("abcdef", 4);
        Assert.Equal([new(0, 4, 4, false), new(4, 2, 2, false)], pieces);
    }

    /// <summary>A tiktoken vocabulary of the 256 single bytes: every byte is one token.</summary>
    private static MemoryStream ByteVocabulary()
        => new(System.Text.Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 256).Select(b => $"{Convert.ToBase64String([(byte)b])} {b}\n"))));

    [Fact]
    public void Null_arguments_are_refused()
    {
        Assert.Throws<ArgumentNullException>(() => new TiktokenTokenCounter(null!));
        Assert.Throws<ArgumentNullException>(() => _counter.CountTokens(null!));
        Assert.Throws<ArgumentNullException>(() => _counter.GetPrefixLength(null!, 4));
        Assert.Throws<ArgumentNullException>(() => _counter.GetPieces(null!, 64));
        Assert.Throws<ArgumentOutOfRangeException>(() => _counter.GetPieces("text", 1));
        Assert.Throws<ArgumentNullException>(() => ((ITokenCounter)new PlainCounter()).GetPieces(null!, 64));
        Assert.Equal(0, _counter.CountTokens(string.Empty));
    }

    private sealed class PlainCounter : ITokenCounter
    {
        public int CountTokens(string text) => text.Length;

        public int GetPrefixLength(string text, int maxTokens) => Math.Min(text.Length, maxTokens);
    }
}
