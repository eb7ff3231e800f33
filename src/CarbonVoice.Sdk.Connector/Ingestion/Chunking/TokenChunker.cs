using CarbonVoice.Sdk.Connector.Internal;

namespace CarbonVoice.Sdk.Connector;

/// <summary>
/// Splits a text into chunks of at most a token limit, each starting with a header line. The text is cut on
/// sentence boundaries; a sentence longer than the room left by the header is cut on words, and a word longer
/// still on tokenizer pieces and then on characters. Consecutive chunks share up to the overlap in trailing sentences
/// (or words); the header and the overlap count inside the limit. The text is tokenized once (see
/// <see cref="ITokenCounter.GetPieces"/>): a chunk made of exact pieces gets its count from theirs, and only a chunk holding
/// an inexact one (a long piece the counter cut anywhere) is counted again; every chunk is within the limit before it is returned.
/// </summary>
public sealed class TokenChunker
{
    /// <summary>The longest tokenizer piece encoded whole, in characters: longer ones (space-less runs) are cut, which keeps chunking linear.</summary>
    internal const int MaxPieceLength = 64;

    /// <summary>A body longer than this many characters per limit token is not counted whole when its pieces are inexact: it is split.</summary>
    private const int WholeCountCharactersPerToken = 4;

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
    public string FitHeader(string header, int maxTokens) => FitHeader(header, maxTokens, out _);

    /// <summary>Splits <paramref name="body"/> into chunk texts of the form <c>header + "\n" + piece</c>, each at most <paramref name="maxTokens"/> tokens.</summary>
    /// <param name="header">The header line of every chunk ("" for none).</param>
    /// <param name="body">The text.</param>
    /// <param name="maxTokens">The limit, at least 16.</param>
    /// <param name="overlapTokens">The overlap between consecutive chunks, below half the limit.</param>
    /// <returns>The chunk texts; empty when both header and body are empty.</returns>
    public IReadOnlyList<string> Split(string header, string body, int maxTokens, int overlapTokens)
        => SplitCounted(header, body, maxTokens, overlapTokens).Select(c => c.Text).ToList();

    /// <summary>
    /// <see cref="FitHeader(string, int)"/>, with the exact tokens of the header line followed by a line break
    /// (<paramref name="lineTokens"/>; 0 for an empty header).
    /// </summary>
    internal string FitHeader(string header, int maxTokens, out int lineTokens)
    {
        ArgumentNullException.ThrowIfNull(header);
        header = header.ReplaceLineEndings(" ").Trim();
        if (header.Length == 0)
        {
            lineTokens = 0;
            return header;
        }

        var room = Math.Max(1, maxTokens / 4);
        var pieces = new PieceText(_counter, header, _counter.GetPieces(header, MaxPieceLength));
        if (pieces.IsExact(0, pieces.Count) && pieces.Total <= room)
        {
            // The line break joins the last piece only ("word\n" or ".\n"): count that piece again with it.
            var last = pieces.Pieces[^1];
            lineTokens = pieces.Total - last.Tokens + _counter.CountTokens(string.Concat(header.AsSpan(last.Start, last.Length), "\n"));
            return header;
        }

        var fitted = _counter.CountTokens(header) <= room ? header : Cut(header, room);
        lineTokens = _counter.CountTokens(fitted + "\n");
        return fitted;
    }

    /// <summary>The chunks of <see cref="Split"/> with their exact token counts.</summary>
    internal List<CountedText> SplitCounted(string header, string body, int maxTokens, int overlapTokens)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(body);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTokens, 16);
        ArgumentOutOfRangeException.ThrowIfNegative(overlapTokens);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(overlapTokens, maxTokens / 2);

        var head = FitHeader(header, maxTokens, out var prefixTokens);
        var prefix = head.Length == 0 ? string.Empty : head + "\n";
        body = body.Trim();
        if (body.Length == 0)
        {
            return head.Length == 0 ? [] : [new CountedText(head, _counter.CountTokens(head))];
        }

        var text = new PieceText(_counter, body, _counter.GetPieces(body, MaxPieceLength));
        var whole = WholeTokens(text, prefix, prefixTokens, maxTokens);
        if (whole <= maxTokens)
        {
            return [new CountedText(prefix + body, whole)];
        }

        var budget = maxTokens - prefixTokens;
        var units = new UnitBuilder(_counter, text, budget).Build();
        var chunks = new List<CountedText>();
        var start = 0;
        while (start < units.Count)
        {
            var end = start;
            var sum = 0;
            while (end < units.Count && (end == start || sum + units[end].Tokens <= budget))
            {
                sum += units[end].Tokens;
                end++;
            }

            var chunk = Measure(text, prefix, prefixTokens, units, start, end);
            while (chunk.Tokens > maxTokens)
            {
                if (end - start > 1)
                {
                    end--;
                }
                else
                {
                    SplitUnit(text, units, start, budget);
                    end = start + 1;
                }

                chunk = Measure(text, prefix, prefixTokens, units, start, end);
            }

            chunks.Add(chunk);
            if (end >= units.Count)
            {
                break;
            }

            start = OverlapStart(units, start, end, overlapTokens, budget);
        }

        return chunks;
    }

    private int WholeTokens(PieceText text, string prefix, int prefixTokens, int maxTokens)
    {
        if (text.IsExact(0, text.Count))
        {
            // The body is trimmed and follows a line break: its pieces are the same inside the chunk.
            return prefixTokens + text.Total;
        }

        return text.Text.Length <= maxTokens * WholeCountCharactersPerToken ? _counter.CountTokens(prefix + text.Text) : int.MaxValue;
    }

    private CountedText Measure(PieceText text, string prefix, int prefixTokens, List<TextUnit> units, int start, int end)
    {
        var first = units[start];
        var last = units[end - 1];
        var chunk = string.Concat(prefix, text.Text.AsSpan(first.Start, last.End - first.Start).Trim());
        var exact = true;
        for (var i = start; i < end && exact; i++)
        {
            exact = units[i].IsExact;
        }

        return new CountedText(chunk, exact ? prefixTokens + text.TrimmedTokens(first.FirstPiece, last.EndPiece) : _counter.CountTokens(chunk));
    }

    private static int OverlapStart(List<TextUnit> units, int start, int end, int overlapTokens, int budget)
    {
        var k = 0;
        var overlap = 0;
        while (k < end - start - 1 && overlap + units[end - 1 - k].Tokens <= overlapTokens)
        {
            overlap += units[end - 1 - k].Tokens;
            k++;
        }

        while (k > 0 && overlap + units[end].Tokens > budget)
        {
            overlap -= units[end - k].Tokens;
            k--;
        }

        return end - k;
    }

    /// <summary>Cuts unit <paramref name="index"/> in two (the shrink of a single unit whose chunk is over the limit).</summary>
    private void SplitUnit(PieceText text, List<TextUnit> units, int index, int budget)
    {
        var unit = units[index];
        var value = text.Text[unit.Start..unit.End];
        if (value.Length < 2 || (value.Length == 2 && char.IsSurrogatePair(value[0], value[1])))
        {
            throw new InvalidOperationException("A single character does not fit in the chunk; the token limit is too small.");
        }

        var length = _counter.GetPrefixLength(value, Math.Max(1, Math.Min(unit.Tokens, budget) - 2));
        if (length <= 0 || length >= value.Length)
        {
            length = value.Length / 2;
            if (char.IsHighSurrogate(value[length - 1]))
            {
                length++;
            }
        }

        units[index] = TextUnit.Cut(unit.Start, unit.Start + length, _counter.CountTokens(value[..length]));
        units.Insert(index + 1, TextUnit.Cut(unit.Start + length, unit.End, _counter.CountTokens(value[length..])));
    }

    private string Cut(string header, int room)
    {
        var cut = header[.._counter.GetPrefixLength(header, room - 1)].TrimEnd() + "…";
        return _counter.CountTokens(cut) <= room ? cut : header[.._counter.GetPrefixLength(header, room)];
    }
}
