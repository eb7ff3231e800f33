using System.Text.RegularExpressions;

namespace CarbonVoice.Sdk.Connector.Internal;

/// <summary>
/// The pieces of the cl100k_base pre-tokenizer, as Microsoft.ML.Tokenizers splits them: its special tokens first, then its
/// pattern over each stretch between them. Each stretch is one regex scan, by a regex no other thread is scanning with.
/// The library restarts a scan for every piece with one regex for all threads, and a regex keeps one runner: the thread
/// that finds it taken builds another (a runner, a match and their arrays) for that piece, a third of the ingestion's
/// allocations. Used by the shared counter only, whose tokenizer is cl100k_base; the tests hold the pieces to the
/// library's own on varied text.
/// </summary>
internal sealed partial class Cl100kPreTokenizer
{
    /// <summary>Microsoft.ML.Tokenizers' cl100k_base pattern (OpenAI's, with atomic groups); its options and timeout are the library's too.</summary>
    internal const string Pattern = @"'(?i:[sdmt]|ll|ve|re)|(?>[^\r\n\p{L}\p{N}]?)(?>\p{L}+)|(?>\p{N}{1,3})| ?(?>[^\s\p{L}\p{N}]+)(?>[\r\n]*)|(?>\s+)$|\s*[\r\n]|\s+(?!\S)|\s";

    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(30_000);

    // Source-generated copies of the pattern (a generated regex is a singleton, and faster than a compiled one; the generator
    // shares one between identical declarations, so their timeouts differ by a millisecond): a scan takes a free one, so up
    // to four threads scan at once without building runners; a fifth uses the first, as the library would.
    private static readonly Regex?[] Free = [PiecesA(), PiecesB(), PiecesC(), PiecesD()];
    private readonly ThreadLocal<Regex>? _special;

    /// <summary>Creates the pre-tokenizer of a tokenizer with these special tokens (split out first, as the library does).</summary>
    public Cl100kPreTokenizer(IReadOnlyDictionary<string, int>? specialTokens)
    {
        if (specialTokens is { Count: > 0 })
        {
            var pattern = string.Join("|", specialTokens.Keys.Select(Regex.Escape));
            _special = new ThreadLocal<Regex>(() => new Regex(pattern, RegexOptions.Compiled, Timeout));
        }
    }

    /// <summary>What is done with each piece, in order.</summary>
    public interface IPieceVisitor
    {
        /// <summary>One piece: <c>text[offset..offset + length]</c>.</summary>
        void Visit(int offset, int length);
    }

    /// <summary>Hands <paramref name="visitor"/> the pieces of <paramref name="text"/>, in order.</summary>
    public void Split<TVisitor>(string text, ref TVisitor visitor)
        where TVisitor : struct, IPieceVisitor
    {
        var beginning = 0;
        if (_special is not null)
        {
            foreach (var special in _special.Value!.EnumerateMatches(text))
            {
                Scan(text, beginning, special.Index, ref visitor);
                visitor.Visit(special.Index, special.Length);
                beginning = special.Index + special.Length;
            }
        }

        Scan(text, beginning, text.Length, ref visitor);
    }

    private static void Scan<TVisitor>(string text, int start, int end, ref TVisitor visitor)
        where TVisitor : struct, IPieceVisitor
    {
        var slot = Take(out var regex);
        try
        {
            // The pattern looks neither behind nor at the start, and a piece is never empty: one scan from the start finds
            // what a scan restarted at the end of each piece finds.
            foreach (var piece in regex.EnumerateMatches(text.AsSpan(start, end - start)))
            {
                visitor.Visit(start + piece.Index, piece.Length);
            }
        }
        finally
        {
            if (slot >= 0)
            {
                Volatile.Write(ref Free[slot], regex);
            }
        }
    }

    /// <summary>A copy of the pattern no other thread holds, and its slot; the shared fallback and -1 when all are taken.</summary>
    private static int Take(out Regex regex)
    {
        for (var slot = 0; slot < Free.Length; slot++)
        {
            if (Interlocked.Exchange(ref Free[slot], null) is { } taken)
            {
                regex = taken;
                return slot;
            }
        }

        regex = PiecesA();
        return -1;
    }

    [GeneratedRegex(Pattern, RegexOptions.None, 30_000)]
    private static partial Regex PiecesA();

    [GeneratedRegex(Pattern, RegexOptions.None, 30_001)]
    private static partial Regex PiecesB();

    [GeneratedRegex(Pattern, RegexOptions.None, 30_002)]
    private static partial Regex PiecesC();

    [GeneratedRegex(Pattern, RegexOptions.None, 30_003)]
    private static partial Regex PiecesD();
}
