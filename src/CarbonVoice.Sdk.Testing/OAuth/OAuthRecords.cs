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

internal sealed class RefreshTokenRecord
{
    public required string Token { get; init; }
    public required GrantRecord Grant { get; init; }
    public required long ExpiresMs { get; init; }

    /// <summary>True once rotated or revoked.</summary>
    public bool Revoked { get; set; }
}

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

/// <summary>An authorization request waiting on the consent page.</summary>
internal sealed record PendingAuthorization(
    string Id,
    string ClientId,
    string RedirectUri,
    string? State,
    string Scope,
    string? CodeChallenge,
    long ExpiresMs);

/// <summary>The outcome of authenticating a request.</summary>
internal readonly record struct AuthResult(UserRecord? User, EmulatorAuthKind Kind, string? RateLimitKey, string? ClientId, string? Error);

/// <summary>Tokens issued by the token endpoint.</summary>
internal sealed record IssuedTokens(string AccessToken, string RefreshToken, long ExpiresMs, string Scope);
