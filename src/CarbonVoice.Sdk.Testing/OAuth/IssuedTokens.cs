namespace CarbonVoice.Sdk.Testing;

/// <summary>Tokens issued by the token endpoint.</summary>
internal sealed record IssuedTokens(string AccessToken, string RefreshToken, long ExpiresMs, string Scope);
