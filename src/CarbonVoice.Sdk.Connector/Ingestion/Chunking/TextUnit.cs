namespace CarbonVoice.Sdk.Connector.Internal;

/// <summary>
/// A run of text a chunk holds whole (a sentence, a word, some pieces of a long word, or characters): its character range,
/// its tokens, and, when it is made of whole exact pieces, their range (a chunk of such units is counted from its pieces).
/// </summary>
internal readonly record struct TextUnit(int Start, int End, int Tokens, int FirstPiece, int EndPiece, bool IsExact)
{
    /// <summary>A unit that is not made of whole pieces: a chunk holding it is counted again.</summary>
    public static TextUnit Cut(int start, int end, int tokens) => new(start, end, tokens, -1, -1, IsExact: false);
}
