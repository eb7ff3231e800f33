namespace CarbonVoice.Sdk.Connector.Internal;

/// <summary>
/// One message's line in a transcript group, tokenized once: its tokens alone (the last line of a group) and followed by
/// the line break (any other line: the break may join its last piece, which is counted again with it).
/// </summary>
internal sealed record TranscriptLine(MessageView Message, string Text, int Tokens, int BreakTokens, bool Exact)
{
    /// <summary>The pieces of the line being measured on this thread: only their sums are kept, so one list serves every line.</summary>
    [ThreadStatic]
    private static List<TokenPiece>? _scratch;

    public static TranscriptLine Measure(ITokenCounter counter, MessageView message, string text)
    {
        IReadOnlyList<TokenPiece> pieces;
        if (counter is TiktokenTokenCounter tiktoken)
        {
            var scratch = _scratch ??= [];
            scratch.Clear();
            tiktoken.AddPieces(text, TokenChunker.MaxPieceLength, scratch);
            pieces = scratch;
        }
        else
        {
            pieces = counter.GetPieces(text, TokenChunker.MaxPieceLength);
        }

        var tokens = 0;
        var exact = true;
        foreach (var piece in pieces)
        {
            tokens += piece.Tokens;
            exact &= piece.Exact;
        }

        var last = pieces[^1];
        var withBreak = tokens - last.Tokens + counter.CountTokens(string.Concat(text.AsSpan(last.Start, last.Length), "\n"));
        return new TranscriptLine(message, text, tokens, withBreak, exact);
    }
}
