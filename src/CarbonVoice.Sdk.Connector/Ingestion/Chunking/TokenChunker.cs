using CarbonVoice.Sdk.Connector.Internal;

namespace CarbonVoice.Sdk.Connector;

/// <summary>
/// Splits a text into chunks of at most a token limit, each starting with a header line. The text is cut on
/// sentence boundaries; a sentence longer than the room left by the header is cut on words, and a word longer
/// still on characters. Consecutive chunks share up to the overlap in trailing sentences (or words); the header
/// and the overlap count inside the limit, and every chunk is verified with the counter before it is returned.
/// </summary>
public sealed class TokenChunker
{
    private readonly ITokenCounter _counter;

    /// <summary>Creates the chunker.</summary>
    /// <param name="counter">The token counter.</param>
    public TokenChunker(ITokenCounter counter)
    {
        ArgumentNullException.ThrowIfNull(counter);
        _counter = counter;
    }

    /// <summary>The counter the limits are checked with.</summary>
    public ITokenCounter Counter => _counter;

    /// <summary>Returns <paramref name="header"/> cut to at most a quarter of <paramref name="maxTokens"/> (a header may not crowd out the text).</summary>
    /// <param name="header">The header line.</param>
    /// <param name="maxTokens">The chunk limit.</param>
    public string FitHeader(string header, int maxTokens)
    {
        ArgumentNullException.ThrowIfNull(header);
        header = header.ReplaceLineEndings(" ").Trim();
        var room = Math.Max(1, maxTokens / 4);
        if (_counter.CountTokens(header) <= room)
        {
            return header;
        }

        var cut = header[.._counter.GetPrefixLength(header, room - 1)].TrimEnd() + "…";
        return _counter.CountTokens(cut) <= room ? cut : header[.._counter.GetPrefixLength(header, room)];
    }

    /// <summary>Splits <paramref name="body"/> into chunk texts of the form <c>header + "\n" + piece</c>, each at most <paramref name="maxTokens"/> tokens.</summary>
    /// <param name="header">The header line of every chunk ("" for none).</param>
    /// <param name="body">The text.</param>
    /// <param name="maxTokens">The limit, at least 16.</param>
    /// <param name="overlapTokens">The overlap between consecutive chunks, below half the limit.</param>
    /// <returns>The chunk texts; empty when both header and body are empty.</returns>
    public IReadOnlyList<string> Split(string header, string body, int maxTokens, int overlapTokens)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(body);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTokens, 16);
        ArgumentOutOfRangeException.ThrowIfNegative(overlapTokens);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(overlapTokens, maxTokens / 2);

        var head = FitHeader(header, maxTokens);
        var prefix = head.Length == 0 ? string.Empty : head + "\n";
        body = body.Trim();
        if (body.Length == 0)
        {
            return head.Length == 0 ? [] : [head];
        }

        var whole = prefix + body;
        if (_counter.CountTokens(whole) <= maxTokens)
        {
            return [whole];
        }

        var budget = maxTokens - _counter.CountTokens(prefix);
        var units = Units(body, budget);
        var tokens = units.Select(_counter.CountTokens).ToList();
        var chunks = new List<string>();
        var start = 0;
        while (start < units.Count)
        {
            var end = start;
            var sum = 0;
            while (end < units.Count && (end == start || sum + tokens[end] <= budget))
            {
                sum += tokens[end];
                end++;
            }

            var text = Build(prefix, units, start, end);
            while (_counter.CountTokens(text) > maxTokens)
            {
                if (end - start > 1)
                {
                    end--;
                }
                else
                {
                    SplitUnit(units, tokens, start, budget);
                    end = start + 1;
                }

                text = Build(prefix, units, start, end);
            }

            chunks.Add(text);
            if (end >= units.Count)
            {
                break;
            }

            start = OverlapStart(tokens, start, end, overlapTokens, budget);
        }

        return chunks;
    }

    private static string Build(string prefix, List<string> units, int start, int end)
        => prefix + string.Concat(units.Skip(start).Take(end - start)).Trim();

    private static int OverlapStart(List<int> tokens, int start, int end, int overlapTokens, int budget)
    {
        var k = 0;
        var overlap = 0;
        while (k < end - start - 1 && overlap + tokens[end - 1 - k] <= overlapTokens)
        {
            overlap += tokens[end - 1 - k];
            k++;
        }

        while (k > 0 && overlap + tokens[end] > budget)
        {
            overlap -= tokens[end - k];
            k--;
        }

        return end - k;
    }

    private void SplitUnit(List<string> units, List<int> tokens, int index, int budget)
    {
        var unit = units[index];
        if (unit.Length < 2)
        {
            throw new InvalidOperationException("A single character does not fit in the chunk; the token limit is too small.");
        }

        var length = _counter.GetPrefixLength(unit, Math.Max(1, Math.Min(tokens[index], budget) - 2));
        if (length <= 0 || length >= unit.Length)
        {
            length = Math.Max(1, unit.Length / 2);
            if (char.IsHighSurrogate(unit[length - 1]) && length < unit.Length)
            {
                length++;
            }
        }

        units[index] = unit[..length];
        tokens[index] = _counter.CountTokens(units[index]);
        units.Insert(index + 1, unit[length..]);
        tokens.Insert(index + 1, _counter.CountTokens(unit[length..]));
    }

    private List<string> Units(string body, int budget)
    {
        var units = new List<string>();
        foreach (var sentence in TextSegmenter.Sentences(body))
        {
            if (_counter.CountTokens(sentence) <= budget)
            {
                units.Add(sentence);
                continue;
            }

            foreach (var word in TextSegmenter.Words(sentence))
            {
                if (_counter.CountTokens(word) <= budget)
                {
                    units.Add(word);
                    continue;
                }

                var rest = word;
                while (rest.Length > 0)
                {
                    var window = rest.Length <= (budget * 32) + 64 ? rest : rest[..((budget * 32) + 64)];
                    var length = _counter.GetPrefixLength(window, budget);
                    if (length <= 0)
                    {
                        length = char.IsHighSurrogate(rest[0]) && rest.Length > 1 ? 2 : 1;
                    }

                    units.Add(rest[..length]);
                    rest = rest[length..];
                }
            }
        }

        return units;
    }
}
