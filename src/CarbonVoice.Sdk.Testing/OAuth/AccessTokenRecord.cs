namespace CarbonVoice.Sdk.Testing;

internal sealed class AccessTokenRecord
{
    public required string Token { get; init; }
    public required UserRecord User { get; init; }
    public required EmulatorAuthKind Kind { get; init; }
    public GrantRecord? Grant { get; init; }
    public string? ClientId { get; init; }
    public string Scope { get; init; } = string.Empty;
    public long ExpiresMs { get; set; } = long.MaxValue;
    public bool Revoked { get; set; }
}
