using System.Text.Json.Serialization;

namespace CarbonVoice.Sdk;

/// <summary>One audio file of a <see cref="LegacyMessage"/>.</summary>
public sealed record LegacyAudioModel : CarbonVoiceModel
{
    /// <summary>The audio id (<c>_id</c>).</summary>
    [JsonPropertyName("_id")]
    public string? Id { get; init; }

    /// <summary>The file URL.</summary>
    public string? Url { get; init; }

    /// <summary>The file extension, for example <c>mp3</c>.</summary>
    public string? Extension { get; init; }

    /// <summary>Whether this is a streaming rendition.</summary>
    public bool? Streaming { get; init; }

    /// <summary>The language of the audio.</summary>
    public string? Language { get; init; }

    /// <summary>The duration in milliseconds.</summary>
    public long? DurationMs { get; init; }

    /// <summary>The waveform, as percentages of the peak level.</summary>
    public IReadOnlyList<double>? WaveformPercentages { get; init; }

    /// <summary>Whether this is the original recording (not a translation).</summary>
    public bool? IsOriginalAudio { get; init; }
}
