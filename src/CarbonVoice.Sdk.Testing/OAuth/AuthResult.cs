namespace CarbonVoice.Sdk.Testing;

/// <summary>The outcome of authenticating a request.</summary>
internal readonly record struct AuthResult(UserRecord? User, EmulatorAuthKind Kind, string? RateLimitKey, string? ClientId, string? Error);
