using System.Text.RegularExpressions;

namespace CarbonVoice.Sdk.Connector.Internal;

/// <summary>Finds where text may be cut: after sentence ends and after words (a cut keeps the whitespace before it).</summary>
internal static partial class TextSegmenter
{
    /// <summary>Sentence ends: terminal punctuation (Latin and CJK) with closing quotes and the whitespace after, or line breaks.</summary>
    [GeneratedRegex(@"[.!?。！？…]+[""'’”)\]]*\s+|\r?\n\s*", RegexOptions.CultureInvariant)]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"\S+\s*|\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Word();

    /// <summary>The indexes strictly inside <c>text[start..end]</c> just after a sentence end, ascending.</summary>
    public static List<int> SentenceCuts(string text, int start, int end) => Cuts(SentenceEnd(), text, start, end);

    /// <summary>The indexes strictly inside <c>text[start..end]</c> just after a word and its whitespace, ascending.</summary>
    public static List<int> WordCuts(string text, int start, int end) => Cuts(Word(), text, start, end);

    private static List<int> Cuts(Regex boundary, string text, int start, int end)
    {
        var cuts = new List<int>();
        foreach (var match in boundary.EnumerateMatches(text.AsSpan(start, end - start)))
        {
            var cut = start + match.Index + match.Length;
            if (cut > start && cut < end)
            {
                cuts.Add(cut);
            }
        }

        return cuts;
    }
}
