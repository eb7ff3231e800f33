namespace CarbonVoice.Sdk.Testing;

/// <summary>One authorization (a code exchange or a direct issue); every token of a rotation chain shares it.</summary>
internal sealed class GrantRecord
{
    public required string Id { get; init; }
    public required UserRecord User { get; init; }
    public required string ClientId { get; init; }
    public required string Scope { get; init; }
    public bool Revoked { get; set; }
}
