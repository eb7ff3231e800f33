namespace CarbonVoice.Sdk.Connector.Internal;

/// <summary>
/// Cuts a tokenized text into the units a chunk holds whole: sentences; the words of a sentence over the budget; the pieces
/// of a word over the budget, grouped; the characters of a piece over the budget. Every cut falls at a piece start (the
/// whitespace before a sentence goes with it and is trimmed from a chunk's start), so a unit's tokens are its pieces'.
/// </summary>
internal sealed class UnitBuilder(ITokenCounter counter, PieceText text, int budget)
{
    private readonly List<TextUnit> _units = [];

    public List<TextUnit> Build()
    {
        var sentences = Bounds(TextSegmenter.SentenceCuts(text.Text, 0, text.Text.Length), 0, text.Count);
        for (var s = 1; s < sentences.Count; s++)
        {
            var (from, to) = (sentences[s - 1], sentences[s]);
            if (text.Tokens(from, to) <= budget)
            {
                Add(from, to);
                continue;
            }

            var words = Bounds(TextSegmenter.WordCuts(text.Text, text.StartOf(from), text.StartOf(to)), from, to);
            for (var w = 1; w < words.Count; w++)
            {
                if (text.Tokens(words[w - 1], words[w]) <= budget)
                {
                    Add(words[w - 1], words[w]);
                }
                else
                {
                    AddPieces(words[w - 1], words[w]);
                }
            }
        }

        return _units;
    }

    /// <summary>Piece indexes <c>[from, ..., to]</c>: each cut moved back to the start of the piece holding it, duplicates dropped.</summary>
    private List<int> Bounds(List<int> cuts, int from, int to)
    {
        var bounds = new List<int>(cuts.Count + 2) { from };
        foreach (var cut in cuts)
        {
            var piece = text.PieceAt(cut);
            if (piece > bounds[^1] && piece < to)
            {
                bounds.Add(piece);
            }
        }

        bounds.Add(to);
        return bounds;
    }

    /// <summary>A word over the budget: its pieces grouped up to the budget; a piece over it cut on characters.</summary>
    private void AddPieces(int from, int to)
    {
        var start = from;
        var sum = 0;
        for (var p = from; p < to; p++)
        {
            var tokens = text.Pieces[p].Tokens;
            if (tokens > budget)
            {
                AddIfAny(start, p);
                AddCharacters(text.Pieces[p]);
                start = p + 1;
                sum = 0;
                continue;
            }

            if (sum + tokens > budget)
            {
                AddIfAny(start, p);
                start = p;
                sum = 0;
            }

            sum += tokens;
        }

        AddIfAny(start, to);
    }

    private void AddCharacters(TokenPiece piece)
    {
        var value = text.Text.Substring(piece.Start, piece.Length);
        var offset = 0;
        while (offset < value.Length)
        {
            var rest = value[offset..];
            var length = counter.GetPrefixLength(rest, budget);
            if (length <= 0)
            {
                length = char.IsHighSurrogate(rest[0]) && rest.Length > 1 ? 2 : 1;
            }

            _units.Add(TextUnit.Cut(piece.Start + offset, piece.Start + offset + length, counter.CountTokens(rest[..length])));
            offset += length;
        }
    }

    private void AddIfAny(int from, int to)
    {
        if (to > from)
        {
            Add(from, to);
        }
    }

    private void Add(int from, int to)
        => _units.Add(new TextUnit(text.StartOf(from), text.StartOf(to), text.Tokens(from, to), from, to, text.IsExact(from, to)));
}
