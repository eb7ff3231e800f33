using System.Text;

namespace CarbonVoice.Sdk.Connector.Tests.Support;

/// <summary>
/// Deterministic texts that are hard on a byte-pair tokenizer: space-less CJK (random and realistic), emoji with skin
/// tones, ZWJ sequences, flags and keycaps, long URLs, English, mixtures, random code points from many scripts, lone
/// surrogates, and long symbol runs that end just before a letter or an apostrophe. Runs without breaks are kept to a few
/// hundred characters so that the tokenizer's own (quadratic) encoder can check them.
/// </summary>
public static class TokenizerCorpus
{
    private const string Chinese = "数据同步非常重要我们需要在本季度完成客户续约计划并更新路线图今天的会议讨论了预算和发布时间";
    private const string Japanese = "日本語のテキストには空白がありません東京で会議を開きます来週の予定を確認してくださいカタカナもひらがなも";
    private const string Korean = "한국어문장도띄어쓰기없이작성할수있습니다회의는다음주화요일에열립니다";

    private static readonly string[] Emoji = ["👋", "👋🏽", "🚀", "🔥", "✅", "🎉", "👩‍💻", "👨‍👩‍👧‍👦", "🏳️‍🌈", "🇯🇵", "🇺🇸", "1️⃣", "❤️", "🤷🏻‍♀️", "©", "™", "🧑🏿‍🚀"];

    private static readonly string[] Words = ["pipeline", "customer", "renewal", "quarter", "budget", "roadmap", "the", "we", "should", "ship", "Kubernetes", "naïve", "café", "don't", "it's", "we'll", "I'm"];

    /// <summary>The names of the texts, for theories.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["cjk-random", "chinese", "japanese", "korean", "cjk-punctuated", "emoji", "urls", "english", "mixed", "random-unicode", "lone-surrogates", "symbols-before-letters", "whitespace"];

    /// <summary>The text of a name.</summary>
    public static string Get(string name)
    {
        var random = new Random(name.Length * 7919 + name[0]);
        return name switch
        {
            "cjk-random" => Runs(random, 60, () => RandomChar(random, 0x4E00, 0x9FFF), "。"),
            "chinese" => Runs(random, 60, () => Chinese[random.Next(Chinese.Length)].ToString(), "，"),
            "japanese" => Runs(random, 60, () => Japanese[random.Next(Japanese.Length)].ToString(), "、"),
            "korean" => Runs(random, 60, () => random.Next(4) == 0 ? RandomChar(random, 0xAC00, 0xD7A3) : Korean[random.Next(Korean.Length)].ToString(), ". "),
            "cjk-punctuated" => Runs(random, 80, () => random.Next(12) switch { 0 => "「", 1 => "」", 2 => "ー", 3 => "・", _ => Chinese[random.Next(Chinese.Length)].ToString() }, "！"),
            "emoji" => Runs(random, 60, () => Emoji[random.Next(Emoji.Length)], " ", longest: 150),
            "urls" => string.Join(' ', Enumerable.Range(0, 200).Select(_ => Url(random))),
            "english" => Runs(random, 60, () => Words[random.Next(Words.Length)] + " ", ".\n"),
            "mixed" => Runs(random, 80, () => random.Next(5) switch { 0 => Emoji[random.Next(Emoji.Length)], 1 => Words[random.Next(Words.Length)], 2 => " ", _ => Chinese[random.Next(Chinese.Length)].ToString() }, "? "),
            "random-unicode" => Runs(random, 60, () => RandomCodePoint(random), "\n"),
            "lone-surrogates" => Runs(random, 60, () => random.Next(4) switch { 0 => ((char)random.Next(0xD800, 0xDC00)).ToString(), 1 => ((char)random.Next(0xDC00, 0xE000)).ToString(), 2 => Emoji[random.Next(Emoji.Length)], _ => Chinese[random.Next(Chinese.Length)].ToString() }, " "),
            "symbols-before-letters" => string.Concat(Enumerable.Range(0, 300).Select(_ => SymbolRun(random))),
            "whitespace" => Runs(random, 60, () => random.Next(6) switch { 0 => "\n", 1 => "\t", 2 => "\u00a0", 3 => "  ", _ => Chinese[random.Next(Chinese.Length)].ToString() }, " "),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown text."),
        };
    }

    /// <summary>Runs of 1 to <paramref name="longest"/> items, each followed by the break.</summary>
    private static string Runs(Random random, int runs, Func<string> item, string separator, int longest = 400)
    {
        var text = new StringBuilder();
        for (var r = 0; r < runs; r++)
        {
            var length = random.Next(3) == 0 ? random.Next(1, 10) : random.Next(60, longest);
            for (var i = 0; i < length; i++)
            {
                text.Append(item());
            }

            text.Append(separator);
        }

        return text.ToString();
    }

    private static string Url(Random random)
    {
        var path = new StringBuilder("https://example.test/");
        var length = random.Next(20, 300);
        for (var i = 0; i < length; i++)
        {
            path.Append(random.Next(10) switch { 0 => '/', 1 => (char)('0' + random.Next(10)), 2 => '-', 3 => '%', _ => (char)('a' + random.Next(26)) });
        }

        return path.Append("?q=").Append(random.Next()).ToString();
    }

    /// <summary>A run of symbols (ASCII, CJK punctuation, emoji) of 60 to 200 characters ending in one symbol, then a word or a contraction.</summary>
    private static string SymbolRun(Random random)
    {
        var run = new StringBuilder();
        var length = random.Next(60, 200);
        while (run.Length < length)
        {
            run.Append(random.Next(6) switch { 0 => "!", 1 => "…", 2 => "。", 3 => "🚀", 4 => "-", _ => "*" });
        }

        return run.Append(random.Next(5) switch { 0 => "'", 1 => "-", 2 => "「", 3 => "🚀", _ => "." }).Append(random.Next(4) switch { 0 => "s ", 1 => "ll ", 2 => "word ", _ => "数据" }).ToString();
    }

    private static string RandomChar(Random random, int from, int to) => ((char)random.Next(from, to + 1)).ToString();

    /// <summary>A code point from one of many scripts and planes: controls, Latin, Greek, Cyrillic, Arabic, Devanagari, Thai, combining marks, CJK, Hangul, private use, emoji, and more.</summary>
    private static string RandomCodePoint(Random random)
    {
        (int From, int To)[] ranges =
        [
            (0x00, 0x1F), (0x20, 0x7E), (0xA0, 0x17F), (0x300, 0x36F), (0x370, 0x3FF), (0x400, 0x4FF), (0x590, 0x6FF), (0x900, 0x97F),
            (0xE00, 0xE7F), (0x2000, 0x206F), (0x3000, 0x30FF), (0x4E00, 0x9FFF), (0xAC00, 0xD7A3), (0xE000, 0xE0FF), (0xFE00, 0xFE0F),
            (0xFF00, 0xFFFD), (0x1F300, 0x1FAFF), (0x10000, 0x1007F), (0x20000, 0x2A6DF), (0xE0000, 0xE007F),
        ];
        var (from, to) = ranges[random.Next(ranges.Length)];
        return char.ConvertFromUtf32(random.Next(from, to + 1));
    }
}
