namespace CarbonVoice.Sdk;

/// <summary>One transcript of a <see cref="LegacyMessage"/>.</summary>
public sealed record LegacyTextModel : CarbonVoiceModel
{
    /// <summary>The <see cref="Type"/> of a plain transcript (text messages carry their text in its <see cref="Value"/>).</summary>
    public const string TranscriptType = "transcript";

    /// <summary>The <see cref="Type"/> of a timed transcript (voice messages: <see cref="Value"/> is empty, the words are in <see cref="Timecodes"/>).</summary>
    public const string TranscriptWithTimecodeType = "transcript_with_timecode";

    /// <summary>The <see cref="Type"/> of the AI summary.</summary>
    public const string SummaryType = "summary";

    /// <summary>The type: <c>transcript</c>, <c>transcript_with_timecode</c> or <c>summary</c>.</summary>
    public string? Type { get; init; }

    /// <summary>The id of the audio this transcript belongs to.</summary>
    public string? AudioId { get; init; }

    /// <summary>The language of the transcript.</summary>
    public string? LanguageId { get; init; }

    /// <summary>The text; empty on the <c>transcript_with_timecode</c> model of a voice message (the words are in <see cref="Timecodes"/>).</summary>
    public string? Value { get; init; }

    /// <summary>Word timings, on <c>transcript_with_timecode</c> models.</summary>
    public IReadOnlyList<MessageTimecode>? Timecodes { get; init; }

    internal bool IsType(string type) => string.Equals(Type, type, StringComparison.OrdinalIgnoreCase);
}
