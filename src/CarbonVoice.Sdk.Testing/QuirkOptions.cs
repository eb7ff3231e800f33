namespace CarbonVoice.Sdk.Testing;

/// <summary>
/// The real service's known oddities. <see cref="TranscriptDelay"/> and <see cref="ReactionsBumpUpdatedAt"/> always
/// apply; <see cref="Enabled"/> switches on the bursts of 502 only.
/// </summary>
public sealed class QuirkOptions
{
    /// <summary>Switches on the bursts of 502 (off by default; the other quirks do not depend on it).</summary>
    public bool Enabled { get; set; }

    /// <summary>Probability that a request starts a burst of 502 responses (decided with the seeded random) when <see cref="Enabled"/>.</summary>
    public double Burst502Probability { get; set; } = 0.02;

    /// <summary>Number of consecutive 502 responses in a burst (including the one that starts it).</summary>
    public int Burst502Length { get; set; } = 3;

    /// <summary>
    /// Time after <c>created_at</c> until a posted message's transcript is ready: until then it has <c>status: "processing"</c>
    /// and no transcript in any shape; then it is <c>active</c>, its <c>updated_at</c> is at least the ready time and
    /// <c>message.finished</c> fires. Generated data is ready from the start.
    /// </summary>
    public TimeSpan TranscriptDelay { get; set; } = TimeSpan.FromSeconds(12);

    /// <summary>When true (the default), a reaction bumps the message's <c>updated_at</c> / <c>last_updated_at</c>.</summary>
    public bool ReactionsBumpUpdatedAt { get; set; } = true;
}
