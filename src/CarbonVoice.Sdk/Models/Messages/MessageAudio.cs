namespace CarbonVoice.Sdk;

/// <summary>The audio of a v5 <see cref="Message"/>.</summary>
public sealed record MessageAudio : CarbonVoiceModel
{
    /// <summary>The audio file URL.</summary>
    public string? Url { get; init; }

    /// <summary>The streaming URL.</summary>
    public string? StreamingUrl { get; init; }

    /// <summary>A presigned download URL, when one was asked for.</summary>
    public string? PresignedUrl { get; init; }

    /// <summary>When <see cref="PresignedUrl"/> expires.</summary>
    public DateTimeOffset? PresignedUrlExpirationDate { get; init; }

    /// <summary>The duration in milliseconds.</summary>
    public long? DurationMs { get; init; }

    /// <summary>The waveform, as percentages of the peak level.</summary>
    public IReadOnlyList<double>? WaveformPercentages { get; init; }
}
