using System.Text;

namespace CarbonVoice.Sdk.Connector.Tests.Support;

/// <summary>Deterministic varied texts for chunking tests.</summary>
public static class Corpus
{
    private static readonly string[] Words = ["pipeline", "customer", "renewal", "quarter", "budget", "roadmap", "the", "a", "we", "should", "ship", "café", "naïve", "数据", "同步", "👋", "🚀🔥", "ok", "Kubernetes", "onboarding", "invoice"];

    public static string Sentences(int seed, int sentences)
    {
        var random = new Random(seed);
        var text = new StringBuilder();
        for (var s = 0; s < sentences; s++)
        {
            var length = random.Next(3, 40);
            for (var w = 0; w < length; w++)
            {
                text.Append(Words[random.Next(Words.Length)]).Append(' ');
            }

            text.Length--;
            text.Append(random.Next(5) switch { 0 => "? ", 1 => "! ", 2 => "。", 3 => ".\n", _ => ". " });
        }

        return text.ToString();
    }

    /// <summary>A varied set: short, long, unpunctuated, emoji-only, CJK, one giant word, whitespace noise.</summary>
    public static IEnumerable<string> Varied()
    {
        yield return "Hi.";
        yield return "";
        yield return "   \n\t ";
        yield return Sentences(1, 5);
        yield return Sentences(2, 400);
        yield return string.Join(' ', Enumerable.Repeat("nopunctuationhere", 3000));
        yield return string.Concat(Enumerable.Repeat("👋🏽🚀", 2000));
        yield return string.Concat(Enumerable.Repeat("数据同步非常重要", 800));
        yield return new string('x', 20_000);
        yield return string.Concat(Enumerable.Repeat("a.b.c.d.e.f ", 2000));
        yield return string.Join("\n", Enumerable.Range(0, 500).Select(i => $"line {i}"));
        yield return Sentences(3, 50).Replace(" ", "\u00a0", StringComparison.Ordinal);
    }
}
