namespace CarbonVoice.Sdk.Internal;

/// <summary>The body of <c>PATCH /action-items/{id}/status</c>.</summary>
internal sealed record ActionItemStatusBody(string Status);
