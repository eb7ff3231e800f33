using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace CarbonVoice.Sdk.Connector.AspNetCore;

/// <summary>
/// The SDK's <see cref="ITokenStore"/> over the connector table: the connection id is the connector id and the
/// token set is stored encrypted with ASP.NET Core Data Protection (never in clear text, never logged). The token's
/// version is a hash of its ciphertext, and <see cref="TrySetAsync"/> is one conditional UPDATE on it.
/// </summary>
internal sealed class ConnectorTokenStore(ConnectorRepository connectors, IDataProtectionProvider protection) : ITokenStore
{
    private readonly IDataProtector _protector = protection.CreateProtector("CarbonVoice.Sample.Host.ConnectorToken.v1");

    /// <summary>Reads and decrypts a connector's token.</summary>
    public async Task<CarbonVoiceToken?> GetAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        var stored = await connectors.GetProtectedTokenAsync(connectionId, cancellationToken);
        if (stored is null)
        {
            return null;
        }

        StoredToken? token;
        try
        {
            token = JsonSerializer.Deserialize<StoredToken>(_protector.Unprotect(stored));
        }
        catch (CryptographicException)
        {
            // The key ring changed (for example its folder was deleted): the token is unreadable, the user reconnects.
            return null;
        }

        return token is null ? null : new CarbonVoiceToken
        {
            AccessToken = token.AccessToken,
            RefreshToken = token.RefreshToken,
            ExpiresAt = token.ExpiresAt,
            IssuedAt = token.IssuedAt,
            Scopes = token.Scopes ?? [],
            TokenType = token.TokenType ?? "Bearer",
            Version = TokenVersion.Of(stored),
        };
    }

    /// <summary>Encrypts and saves a connector's token unconditionally (a new authorization).</summary>
    public async Task SetAsync(string connectionId, CarbonVoiceToken token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (!await connectors.SetProtectedTokenAsync(connectionId, Protect(token), token.ExpiresAt, cancellationToken))
        {
            throw new InvalidOperationException($"Connector {connectionId} does not exist; create it before storing its token.");
        }
    }

    /// <summary>Encrypts and saves a connector's token only when the stored one is still <paramref name="expectedVersion"/>.</summary>
    public Task<bool> TrySetAsync(string connectionId, CarbonVoiceToken token, string? expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        return connectors.TrySetProtectedTokenAsync(connectionId, expectedVersion, Protect(token), token.ExpiresAt, cancellationToken);
    }

    /// <summary>Deletes a connector's token.</summary>
    public Task RemoveAsync(string connectionId, CancellationToken cancellationToken = default)
        => connectors.SetProtectedTokenAsync(connectionId, null, null, cancellationToken);

    private string Protect(CarbonVoiceToken token)
        => _protector.Protect(JsonSerializer.Serialize(new StoredToken(token.AccessToken, token.RefreshToken, token.ExpiresAt, [.. token.Scopes], token.TokenType, token.IssuedAt)));

    private sealed record StoredToken(string AccessToken, string? RefreshToken, DateTimeOffset? ExpiresAt, string[]? Scopes, string? TokenType, DateTimeOffset? IssuedAt = null);
}
