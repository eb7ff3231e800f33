namespace CarbonVoice.Sdk;

/// <summary>One transcript of a <see cref="LegacyMessage"/>.</summary>
public sealed record LegacyTextModel : CarbonVoiceModel
{
    /// <summary>The type: <c>transcript</c> or <c>transcript_with_timecode</c>.</summary>
    public string? Type { get; init; }

    /// <summary>The id of the audio this transcript belongs to.</summary>
    public string? AudioId { get; init; }

    /// <summary>The language of the transcript.</summary>
    public string? LanguageId { get; init; }

    /// <summary>The transcript text.</summary>
    public string? Value { get; init; }

    /// <summary>Word timings, on <c>transcript_with_timecode</c> models.</summary>
    public IReadOnlyList<MessageTimecode>? Timecodes { get; init; }
}
