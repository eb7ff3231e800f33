using System.Text;

namespace CarbonVoice.Sdk.Connector.Tests.Ingestion.Counters;

/// <summary>
/// tiktoken's byte-pair merge written plainly (quadratic, no shortcut for a piece that is itself a token), over a
/// vocabulary whose ranks are the tokens' order: the yardstick for what the tokenizer's encoder does inside one piece.
/// </summary>
internal sealed class ReferenceBytePairEncoder(IReadOnlyList<byte[]> tokens)
{
    private readonly Dictionary<string, int> _ranks = tokens.Select((t, i) => (Key: Encoding.Latin1.GetString(t), Rank: i)).ToDictionary(p => p.Key, p => p.Rank);

    /// <summary>The token ids of a piece's bytes: merge the lowest-ranked neighbouring pair (the leftmost of equals) until none is a token.</summary>
    public List<int> Encode(byte[] piece)
    {
        var starts = Enumerable.Range(0, piece.Length + 1).ToList();
        while (true)
        {
            var best = -1;
            var bestRank = int.MaxValue;
            for (var i = 0; i + 2 < starts.Count; i++)
            {
                if (Rank(piece, starts[i], starts[i + 2]) is { } rank && rank < bestRank)
                {
                    (best, bestRank) = (i, rank);
                }
            }

            if (best < 0)
            {
                break;
            }

            starts.RemoveAt(best + 1);
        }

        return [.. Enumerable.Range(0, starts.Count - 1).Select(i => Rank(piece, starts[i], starts[i + 1]) ?? throw new InvalidOperationException("A byte is not a token."))];
    }

    private int? Rank(byte[] piece, int start, int end) => _ranks.TryGetValue(Encoding.Latin1.GetString(piece, start, end - start), out var rank) ? rank : null;
}
