namespace CarbonVoice.Sdk.Testing;

/// <summary>Tokens issued by the token endpoint; no refresh token when a refresh did not rotate it.</summary>
internal sealed record IssuedTokens(string AccessToken, string? RefreshToken, long ExpiresMs, string Scope);
