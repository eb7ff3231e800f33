namespace CarbonVoice.Sdk.Testing;

/// <summary>Faults injected from the start.</summary>
public sealed class FaultOptions
{
    /// <summary>Fraction (0–1) of requests that fail with one of <see cref="Statuses"/>.</summary>
    public double FailureRate { get; set; }

    /// <summary>Statuses used by <see cref="FailureRate"/>.</summary>
#pragma warning disable CA2227 // options are built with object initializers
    public IList<int> Statuses { get; set; } = [500, 502, 503];

    /// <summary>Faults given to the first requests, in order.</summary>
    public IList<FaultKind> Sequence { get; set; } = [];
#pragma warning restore CA2227

    /// <summary>Delay of <see cref="FaultKind.Latency"/> faults.</summary>
    public TimeSpan Latency { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Delay before each part of a <see cref="FaultKind.SlowBody"/> answer.</summary>
    public TimeSpan DripInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Number of parts a <see cref="FaultKind.SlowBody"/> answer is sent in (the body takes <see cref="DripInterval"/> times this).</summary>
    public int DripChunks { get; set; } = 10;
}
