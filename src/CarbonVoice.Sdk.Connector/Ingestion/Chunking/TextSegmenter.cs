using System.Text.RegularExpressions;

namespace CarbonVoice.Sdk.Connector.Internal;

/// <summary>Cuts text into contiguous pieces (each keeps its trailing whitespace, so the pieces concatenate back to the text).</summary>
internal static partial class TextSegmenter
{
    /// <summary>Sentence ends: terminal punctuation (Latin and CJK) with closing quotes and the whitespace after, or line breaks.</summary>
    [GeneratedRegex(@"[.!?。！？…]+[""'’”)\]]*\s+|\r?\n\s*", RegexOptions.CultureInvariant)]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"\S+\s*|\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Word();

    public static List<string> Sentences(string text) => CutAfter(text, SentenceEnd());

    public static List<string> Words(string text)
    {
        var words = new List<string>();
        foreach (Match match in Word().Matches(text))
        {
            words.Add(match.Value);
        }

        return words;
    }

    private static List<string> CutAfter(string text, Regex boundary)
    {
        var pieces = new List<string>();
        var start = 0;
        foreach (Match match in boundary.Matches(text))
        {
            var end = match.Index + match.Length;
            if (end > start)
            {
                pieces.Add(text[start..end]);
                start = end;
            }
        }

        if (start < text.Length)
        {
            pieces.Add(text[start..]);
        }

        return pieces;
    }
}
