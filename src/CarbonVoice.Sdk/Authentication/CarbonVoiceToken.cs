using System.Text;

namespace CarbonVoice.Sdk;

/// <summary>
/// An OAuth token set of one connection. <see cref="ToString"/> never prints the tokens, so a token that
/// reaches a log or an exception message leaks nothing.
/// </summary>
public sealed record CarbonVoiceToken
{
    /// <summary>The access token sent as a bearer credential.</summary>
    public required string AccessToken { get; init; }

    /// <summary>The refresh token, when the service issued one.</summary>
    public string? RefreshToken { get; init; }

    /// <summary>The absolute expiry of <see cref="AccessToken"/>, computed from <c>expires_in</c> with the SDK's <see cref="TimeProvider"/>; null when unknown.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>The granted scopes.</summary>
    public IReadOnlyList<string> Scopes { get; init; } = [];

    /// <summary>The token type (normally <c>Bearer</c>).</summary>
    public string TokenType { get; init; } = "Bearer";

    /// <summary>When the token was issued (taken from the SDK's <see cref="TimeProvider"/> when it was received); null when unknown.</summary>
    public DateTimeOffset? IssuedAt { get; init; }

    /// <summary>
    /// The store's concurrency token of this token set (an ETag): set by <see cref="ITokenStore.GetAsync"/>, opaque to
    /// callers, and passed back as the expected version of <see cref="ITokenStore.TrySetAsync"/> so that a write based
    /// on a stale read fails instead of replacing a newer token. Null on a token that was not read from a store
    /// (for example one just returned by the OAuth endpoints).
    /// </summary>
    public string? Version { get; init; }

    /// <summary>Whether the access token expires within <paramref name="buffer"/> of <paramref name="now"/>.</summary>
    /// <param name="buffer">How long before the expiry counts as expiring.</param>
    /// <param name="now">The current time.</param>
    public bool ExpiresWithin(TimeSpan buffer, DateTimeOffset now) => ExpiresAt is { } expiry && expiry - buffer <= now;

    /// <summary>
    /// Whether the token should be refreshed now: it expires within <paramref name="buffer"/>, capped at half its
    /// lifetime when <see cref="IssuedAt"/> is known, so a token that lives no longer than the buffer is not
    /// refreshed on every call.
    /// </summary>
    /// <param name="buffer">The configured refresh buffer.</param>
    /// <param name="now">The current time.</param>
    public bool NeedsRefresh(TimeSpan buffer, DateTimeOffset now)
    {
        if (IssuedAt is { } issued && ExpiresAt is { } expiry && expiry > issued)
        {
            var half = (expiry - issued) / 2;
            buffer = buffer < half ? buffer : half;
        }

        return ExpiresWithin(buffer, now);
    }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("AccessToken = ").Append("***")
            .Append(", RefreshToken = ").Append(RefreshToken is null ? "null" : "***")
            .Append(", IssuedAt = ").Append(IssuedAt?.ToString("O", System.Globalization.CultureInfo.InvariantCulture) ?? "null")
            .Append(", ExpiresAt = ").Append(ExpiresAt?.ToString("O", System.Globalization.CultureInfo.InvariantCulture) ?? "null")
            .Append(", Scopes = [").Append(string.Join(' ', Scopes)).Append("], TokenType = ").Append(TokenType)
            .Append(", Version = ").Append(Version ?? "null");
        return true;
    }
}
