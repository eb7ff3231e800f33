namespace CarbonVoice.Sdk;

/// <summary>The audio and text of a <see cref="MessageV6"/> (<c>content</c>).</summary>
public sealed record MessageV6Content : CarbonVoiceModel
{
    /// <summary>The transcript text as sent; on voice messages it can be empty while <see cref="TimeCodes"/> holds the words (read <see cref="MessageV6.Transcript"/>).</summary>
    public string? Transcript { get; init; }

    /// <summary>The AI summary, when one was generated.</summary>
    public string? AiSummary { get; init; }

    /// <summary>The words with their timings.</summary>
    public IReadOnlyList<MessageTimecode>? TimeCodes { get; init; }

    /// <summary>The language of the transcript.</summary>
    public string? Language { get; init; }

    /// <summary>Whether <see cref="Language"/> is the language the message was recorded in.</summary>
    public bool? IsOriginalLanguage { get; init; }

    /// <summary>The audio URL.</summary>
    public string? Url { get; init; }

    /// <summary>The audio streaming URL.</summary>
    public string? StreamingUrl { get; init; }

    /// <summary>A presigned audio download URL; only when asked for (<see cref="MessageFeedOptions.PresignedUrl"/>).</summary>
    public string? PresignedUrl { get; init; }

    /// <summary>The audio duration in milliseconds.</summary>
    public long? DurationMs { get; init; }

    /// <summary>The waveform: a base-36 string, one character per bar (<c>0</c> silent to <c>z</c> loudest).</summary>
    public string? WaveformPercentage { get; init; }
}
