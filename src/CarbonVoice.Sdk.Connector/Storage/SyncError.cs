namespace CarbonVoice.Sdk.Connector;

/// <summary>An error recorded in a run: a failed item, conversation or phase.</summary>
/// <param name="At">When it happened.</param>
/// <param name="Phase">The phase (for example <c>messages</c>).</param>
/// <param name="EntityType">The entity type, when it concerns one.</param>
/// <param name="ExternalId">The item or container id, when known.</param>
/// <param name="Message">What went wrong.</param>
public sealed record SyncError(DateTimeOffset At, string Phase, string? EntityType, string? ExternalId, string Message);
