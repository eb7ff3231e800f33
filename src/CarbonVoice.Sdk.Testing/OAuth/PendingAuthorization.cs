namespace CarbonVoice.Sdk.Testing;

/// <summary>An authorization request waiting on the consent page.</summary>
internal sealed record PendingAuthorization(
    string Id,
    string ClientId,
    string RedirectUri,
    string? State,
    string Scope,
    string? CodeChallenge,
    long ExpiresMs);
