namespace CarbonVoice.Sdk.Internal;

/// <summary>
/// The one transcript rule of every message shape: the transcript text when it has any, else the words of its time
/// codes joined by single spaces (the real service sends voice messages with an empty text and the words in
/// <c>timecodes</c> / <c>time_codes</c>), else null.
/// </summary>
internal static class TranscriptText
{
    public static string? Compose(string? text, IEnumerable<MessageTimecode>? timecodes)
    {
        if (!string.IsNullOrWhiteSpace(text))
        {
            return text;
        }

        if (timecodes is null)
        {
            return null;
        }

        var words = timecodes is TimecodeList compact ? compact.JoinWords()
            : string.Join(' ', timecodes.Select(code => code?.Text?.Trim()).Where(word => !string.IsNullOrEmpty(word)));
        return words.Length == 0 ? null : words;
    }
}
