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

    /// <summary>Whether the access token expires within <paramref name="buffer"/> of <paramref name="now"/>.</summary>
    public bool ExpiresWithin(TimeSpan buffer, DateTimeOffset now) => ExpiresAt is { } expiry && expiry - buffer <= now;

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("AccessToken = ").Append("***")
            .Append(", RefreshToken = ").Append(RefreshToken is null ? "null" : "***")
            .Append(", ExpiresAt = ").Append(ExpiresAt?.ToString("O", System.Globalization.CultureInfo.InvariantCulture) ?? "null")
            .Append(", Scopes = [").Append(string.Join(' ', Scopes)).Append("], TokenType = ").Append(TokenType);
        return true;
    }
}
