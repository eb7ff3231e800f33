namespace CarbonVoice.Sdk.Testing;

/// <summary>The real service's known oddities, reproduced when <see cref="Enabled"/> is true.</summary>
public sealed class QuirkOptions
{
    /// <summary>Master switch of all quirks.</summary>
    public bool Enabled { get; set; }

    /// <summary>Probability that a request starts a burst of 502 responses (decided with the seeded random).</summary>
    public double Burst502Probability { get; set; } = 0.02;

    /// <summary>Number of consecutive 502 responses in a burst (including the one that starts it).</summary>
    public int Burst502Length { get; set; } = 3;

    /// <summary>Time after <c>created_at</c> until a new message's transcript is available.</summary>
    public TimeSpan TranscriptDelay { get; set; } = TimeSpan.FromSeconds(12);

    /// <summary>When true, a reaction bumps the message's <c>updated_at</c> / <c>last_updated_at</c>.</summary>
    public bool ReactionsBumpUpdatedAt { get; set; } = true;
}
