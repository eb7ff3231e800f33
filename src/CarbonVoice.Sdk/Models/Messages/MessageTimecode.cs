using System.Text.Json.Serialization;
using CarbonVoice.Sdk.Internal;

namespace CarbonVoice.Sdk;

/// <summary>The timing of one word of a transcript (<c>{t, s, e}</c> on the wire).</summary>
public sealed record MessageTimecode : CarbonVoiceModel
{
    /// <summary>The word (<c>t</c>).</summary>
    [JsonPropertyName("t")]
    [JsonConverter(typeof(LenientStringConverter))]
    public string? Text { get; init; }

    /// <summary>Where the word starts, in milliseconds (<c>s</c>).</summary>
    [JsonPropertyName("s")]
    public double? Start { get; init; }

    /// <summary>Where the word ends, in milliseconds (<c>e</c>).</summary>
    [JsonPropertyName("e")]
    public double? End { get; init; }
}
