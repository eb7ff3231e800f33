namespace CarbonVoice.Sdk.Testing;

/// <summary>Tokens issued directly by the emulator.</summary>
/// <param name="AccessToken">The OAuth access token (JWT-shaped).</param>
/// <param name="RefreshToken">The refresh token.</param>
/// <param name="ExpiresAt">When the access token expires.</param>
public sealed record EmulatorTokens(string AccessToken, string RefreshToken, DateTimeOffset ExpiresAt);
