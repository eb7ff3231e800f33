namespace CarbonVoice.Sdk.Testing;

/// <summary>The fault chosen for one request (<see cref="Kind"/> null for none; <see cref="Status"/> overrides the kind's status when non-zero).</summary>
internal readonly record struct FaultDecision(FaultKind? Kind, int Status);
