namespace CarbonVoice.Sdk.Testing;

internal sealed class RefreshTokenRecord
{
    public required string Token { get; init; }
    public required GrantRecord Grant { get; init; }
    public required long ExpiresMs { get; init; }

    /// <summary>True once rotated or revoked.</summary>
    public bool Revoked { get; set; }
}
