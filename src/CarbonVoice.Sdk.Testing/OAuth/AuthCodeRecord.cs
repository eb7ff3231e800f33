namespace CarbonVoice.Sdk.Testing;

internal sealed class AuthCodeRecord
{
    public required string Code { get; init; }
    public required string ClientId { get; init; }
    public required string? RedirectUri { get; init; }
    public required UserRecord User { get; init; }
    public required string Scope { get; init; }
    public string? CodeChallenge { get; init; }
    public required long ExpiresMs { get; init; }
    public bool Used { get; set; }
    public GrantRecord? IssuedGrant { get; set; }
}
