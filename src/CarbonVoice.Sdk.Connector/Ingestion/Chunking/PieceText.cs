namespace CarbonVoice.Sdk.Connector.Internal;

/// <summary>A text with its token pieces and running token sums: the tokens of a run of pieces without counting again.</summary>
internal sealed class PieceText
{
    private readonly ITokenCounter _counter;
    private readonly int[] _sums;
    private readonly int[] _inexact;

    public PieceText(ITokenCounter counter, string text, IReadOnlyList<TokenPiece> pieces)
    {
        _counter = counter;
        Text = text;
        Pieces = pieces;
        _sums = new int[pieces.Count + 1];
        _inexact = new int[pieces.Count + 1];
        for (var i = 0; i < pieces.Count; i++)
        {
            _sums[i + 1] = _sums[i] + pieces[i].Tokens;
            _inexact[i + 1] = _inexact[i] + (pieces[i].Exact ? 0 : 1);
        }
    }

    public string Text { get; }

    public IReadOnlyList<TokenPiece> Pieces { get; }

    public int Count => Pieces.Count;

    public int Total => _sums[^1];

    /// <summary>The sum of the tokens of pieces <c>[from, to)</c>.</summary>
    public int Tokens(int from, int to) => _sums[to] - _sums[from];

    /// <summary>Whether every piece of <c>[from, to)</c> is exact.</summary>
    public bool IsExact(int from, int to) => _inexact[to] == _inexact[from];

    public int StartOf(int piece) => piece < Pieces.Count ? Pieces[piece].Start : Text.Length;

    /// <summary>The index of the piece holding character <paramref name="index"/>.</summary>
    public int PieceAt(int index)
    {
        int low = 0, high = Pieces.Count - 1;
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            if (Pieces[middle].Start <= index)
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }

        return low;
    }

    /// <summary>
    /// The exact tokens of the text of pieces <c>[from, to)</c> with its surrounding whitespace trimmed (all of them exact):
    /// whitespace-only pieces at either end drop out, and an end piece that starts (or ends) with whitespace is counted
    /// again without it; the inner pieces keep their counts.
    /// </summary>
    public int TrimmedTokens(int from, int to)
    {
        while (from < to && IsBlank(from))
        {
            from++;
        }

        while (to > from && IsBlank(to - 1))
        {
            to--;
        }

        if (from == to)
        {
            return 0;
        }

        var first = Pieces[from];
        var last = Pieces[to - 1];
        var lead = char.IsWhiteSpace(Text[first.Start]);
        var trail = char.IsWhiteSpace(Text[last.End - 1]);
        if (from == to - 1)
        {
            return lead || trail ? _counter.CountTokens(Text.Substring(first.Start, first.Length).Trim()) : first.Tokens;
        }

        var sum = Tokens(from, to);
        if (lead)
        {
            sum += _counter.CountTokens(Text.Substring(first.Start, first.Length).TrimStart()) - first.Tokens;
        }

        if (trail)
        {
            sum += _counter.CountTokens(Text.Substring(last.Start, last.Length).TrimEnd()) - last.Tokens;
        }

        return sum;
    }

    private bool IsBlank(int piece) => Text.AsSpan(Pieces[piece].Start, Pieces[piece].Length).IsWhiteSpace();
}
