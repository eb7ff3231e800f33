using System.Text;
using CarbonVoice.Sdk.Connector.Internal;

namespace CarbonVoice.Sdk.Connector.Tests.Ingestion;

public sealed class TokenBoundariesTests
{
    private static readonly Lazy<List<byte[]>> Cl100k = new(() => TiktokenVocabulary.LoadCl100kBase()!);
    private static readonly Lazy<TokenBoundaries> Cl100kBoundaries = new(() => new TokenBoundaries(Cl100k.Value));

    [Fact]
    public void A_boundary_is_spanned_when_a_token_holds_both_characters()
    {
        var boundaries = Of("a", "b", "c", "ab", "数据");
        Assert.True(boundaries.IsSpanned('a', 'b'));
        Assert.False(boundaries.IsSpanned('b', 'c'));
        Assert.False(boundaries.IsSpanned('b', 'a'));
        Assert.True(boundaries.IsSpanned('数', '据'));
        Assert.False(boundaries.IsSpanned('据', '数'));
        Assert.Equal(2, boundaries.PairCount);
        Assert.Equal(0, boundaries.FragmentCount);
    }

    [Fact]
    public void A_token_that_starts_or_ends_inside_a_character_spans_every_pair_it_fits()
    {
        // 数 is E6 95 B0, 据 is E6 8D AE. A token of the last byte of 数 and the first two of 据 spans 数|据, and any other
        // pair whose left character ends in B0 and whose right one starts with E6 8D (丰 is E4 B8 B0, 捍 is E6 8D 8D).
        var boundaries = new TokenBoundaries([[0xB0, 0xE6, 0x8D], [0x20, 0xE6]]);
        Assert.Equal(2, boundaries.FragmentCount);
        Assert.True(boundaries.IsSpanned('数', '据'));
        Assert.True(boundaries.IsSpanned('丰', '捍'));
        Assert.False(boundaries.IsSpanned('数', '数'));
        Assert.False(boundaries.IsSpanned('a', '据'));

        // " " followed by the first byte of any character whose lead byte is E6.
        Assert.True(boundaries.IsSpanned(' ', '数'));
        Assert.False(boundaries.IsSpanned(' ', '一'));
    }

    [Fact]
    public void Tokens_that_cannot_sit_on_a_character_boundary_are_left_out()
    {
        // E6 95 followed by a lead byte: 数 cut short; a lead byte followed by too few continuation bytes, then ASCII.
        var boundaries = new TokenBoundaries([[0xE6, 0x95, 0x41], [0x41, 0xE6, 0x41], [0x41, 0x95]]);
        Assert.Equal(0, boundaries.PairCount);
        Assert.Equal(0, boundaries.FragmentCount);
    }

    [Fact]
    public void Segments_end_at_unspanned_boundaries_and_keep_surrogate_pairs_and_lone_surrogates_whole()
    {
        var boundaries = Of("ab", "数据", "🚀🚀");
        Assert.Equal([2, 4, 5, 9, 10, 11], Ends(boundaries, "ab数据x🚀🚀\ud800z"));
        Assert.Equal([1, 2], Ends(boundaries, "\udc00\ud800"));
        Assert.Equal([2], Ends(boundaries, "🚀"));
    }

    [Fact]
    public void The_utf8_of_a_code_point_is_the_tokenizers_lone_surrogates_included()
    {
        Span<byte> bytes = stackalloc byte[4];
        foreach (var text in new[] { "a", "é", "数", "🚀", "\ud800", "\udfff", "\0", "\u07ff", "\uffff" })
        {
            var length = TokenBoundaries.Utf8(TokenBoundaries.CodePointAt(text, 0, out var chars), bytes);
            Assert.Equal(text.Length, chars);
            var expected = char.IsSurrogate(text[0]) && text.Length == 1
                ? [(byte)(0xE0 | (text[0] >> 12)), (byte)(0x80 | ((text[0] >> 6) & 0x3F)), (byte)(0x80 | (text[0] & 0x3F))]
                : Encoding.UTF8.GetBytes(text);
            Assert.Equal(expected, bytes[..length].ToArray());
        }
    }

    [Fact]
    public void Every_cl100k_token_spans_the_boundaries_inside_it()
    {
        // Each token that holds a character boundary, completed to whole characters at its ends: the boundaries inside the
        // token must all be spanned, whether the token holds whole characters or starts or ends inside one.
        var boundaries = Cl100kBoundaries.Value;
        var checkedBoundaries = 0;
        foreach (var token in Cl100k.Value)
        {
            if (Complete(token) is not { } completed)
            {
                continue;
            }

            // Completion only adds bytes to the first and the last character: every boundary of the text is inside the token.
            for (var i = 0; ;)
            {
                var left = TokenBoundaries.CodePointAt(completed, i, out var length);
                if (i + length >= completed.Length)
                {
                    break;
                }

                var right = TokenBoundaries.CodePointAt(completed, i + length, out _);
                Assert.True(boundaries.IsSpanned(left, right), $"{Convert.ToHexString(token)} spans {left:X}|{right:X}");
                checkedBoundaries++;
                i += length;
            }
        }

        Assert.True(checkedBoundaries > 100_000, $"{checkedBoundaries} boundaries checked");
        Assert.InRange(Cl100kBoundaries.Value.FragmentCount, 1, 1_000);
    }

    [Fact]
    public void Most_cjk_boundaries_are_unspanned_and_most_english_ones_spanned()
    {
        var boundaries = Cl100kBoundaries.Value;
        Assert.True(Ends(boundaries, "数据同步非常重要我们需要在本季度完成客户续约计划").Count > 15);
        Assert.Equal([8], Ends(boundaries, "renewals"));
    }

    private static TokenBoundaries Of(params string[] tokens) => new(tokens.Select(Encoding.UTF8.GetBytes));

    private static List<int> Ends(TokenBoundaries boundaries, string text)
    {
        var ends = new List<int>();
        for (var start = 0; start < text.Length;)
        {
            start = boundaries.SegmentEnd(text, start);
            ends.Add(start);
        }

        return ends;
    }

    /// <summary>
    /// The token's bytes completed to whole characters (a lead byte before leading continuation bytes, continuation bytes
    /// after a cut-short last character), as a string; null when the token holds no boundary or no text the tokenizer encodes holds it.
    /// </summary>
    private static string? Complete(byte[] token)
    {
        var leading = 0;
        while (leading < token.Length && (token[leading] & 0xC0) == 0x80)
        {
            leading++;
        }

        if (leading >= token.Length || leading > 3)
        {
            return null;
        }

        // A continuation prefix of 1, 2 or 3 bytes ends a 2-, 3- or 4-byte character: C4, E4 and F1 take any continuation.
        byte[] prefix = leading switch { 0 => [], 1 => [0xC4], 2 => [0xE4], _ => [0xF1] };
        var bytes = new List<byte>(prefix);
        bytes.AddRange(token);
        var lastLead = bytes.FindLastIndex(b => (b & 0xC0) != 0x80);
        var needed = (bytes[lastLead] switch { < 0x80 => 1, < 0xE0 => 2, < 0xF0 => 3, _ => 4 }) - (bytes.Count - lastLead);
        if (needed < 0)
        {
            return null;
        }

        for (var i = 0; i < needed; i++)
        {
            // The byte after E0 must be A0 or more, after F0 90 or more (shorter forms are not what the encoder writes).
            bytes.Add(i == 0 && bytes.Count == lastLead + 1 ? bytes[lastLead] switch { 0xE0 => (byte)0xA0, 0xF0 => (byte)0x90, _ => (byte)0x80 } : (byte)0x80);
        }

        var text = Decode(bytes);
        return text is { Length: > 1 } && !(text.Length == 2 && char.IsSurrogatePair(text[0], text[1])) ? text : null;
    }

    /// <summary>The text whose tokenizer UTF-8 (lone surrogates as three bytes) is exactly <paramref name="bytes"/>, or null.</summary>
    private static string? Decode(List<byte> bytes)
    {
        var text = new StringBuilder();
        Span<byte> encoded = stackalloc byte[4];
        for (var i = 0; i < bytes.Count;)
        {
            var lead = bytes[i];
            var length = lead switch { < 0x80 => 1, < 0xC2 => 0, < 0xE0 => 2, < 0xF0 => 3, < 0xF5 => 4, _ => 0 };
            if (length == 0 || i + length > bytes.Count)
            {
                return null;
            }

            var codePoint = length switch
            {
                1 => lead,
                2 => ((lead & 0x1F) << 6) | (bytes[i + 1] & 0x3F),
                3 => ((lead & 0x0F) << 12) | ((bytes[i + 1] & 0x3F) << 6) | (bytes[i + 2] & 0x3F),
                _ => ((lead & 0x07) << 18) | ((bytes[i + 1] & 0x3F) << 12) | ((bytes[i + 2] & 0x3F) << 6) | (bytes[i + 3] & 0x3F),
            };
            if (codePoint > 0x10FFFF || TokenBoundaries.Utf8(codePoint, encoded) != length || !encoded[..length].SequenceEqual(bytes.GetRange(i, length).ToArray()))
            {
                return null;
            }

            if (codePoint is >= 0xDC00 and <= 0xDFFF && text.Length > 0 && char.IsHighSurrogate(text[^1]))
            {
                // Two lone halves in a row are a surrogate pair in a string: the encoder writes them as one 4-byte character.
                return null;
            }

            text.Append(codePoint is >= 0xD800 and <= 0xDFFF ? ((char)codePoint).ToString() : char.ConvertFromUtf32(codePoint));
            i += length;
        }

        return text.ToString();
    }
}
