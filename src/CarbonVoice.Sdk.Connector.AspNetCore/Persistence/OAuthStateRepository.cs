using System.Security.Cryptography;
using System.Text;

namespace CarbonVoice.Sdk.Connector.AspNetCore;

/// <summary>
/// A pending OAuth authorization, bound to the tenant and company that started it and, by <see cref="BrowserBindingHash"/>
/// (the SHA-256 of the nonce in the starting browser's cookie), to that browser.
/// </summary>
public sealed record OAuthStateRecord(string TenantId, string CompanyId, string? ProtectedCodeVerifier, string RedirectUri, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, string? BrowserBindingHash = null);

/// <summary>Why a callback's state was refused.</summary>
public enum OAuthStateRejection
{
    /// <summary>Not refused.</summary>
    None,

    /// <summary>Never issued here (or forged).</summary>
    Unknown,

    /// <summary>Already consumed.</summary>
    AlreadyUsed,

    /// <summary>Older than the state lifetime.</summary>
    Expired,
}

/// <summary>Stores OAuth states by their SHA-256 (a leaked database reveals no live state) and consumes each once.</summary>
internal sealed class OAuthStateRepository(ConnectorDatabase database) : IOAuthStateStore
{
    /// <summary>Saves a new state (by its hash), purging states that expired more than a day ago.</summary>
    public async Task SaveAsync(string state, OAuthStateRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using (var purge = connection.Command("DELETE FROM oauth_states WHERE expires_at < @old", ("@old", record.CreatedAt.AddDays(-1))))
        {
            await purge.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var command = connection.Command(
            """
            INSERT INTO oauth_states (state_hash, tenant_id, company_id, code_verifier_protected, redirect_uri, created_at, expires_at, browser_binding_hash)
            VALUES (@hash, @tenant, @company, @verifier, @redirect, @created, @expires, @binding)
            """,
            ("@hash", Hash(state)), ("@tenant", record.TenantId), ("@company", record.CompanyId), ("@verifier", record.ProtectedCodeVerifier),
            ("@redirect", record.RedirectUri), ("@created", record.CreatedAt), ("@expires", record.ExpiresAt), ("@binding", record.BrowserBindingHash));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Consumes a state atomically: the first caller gets the record, every later one <see cref="OAuthStateRejection.AlreadyUsed"/>.</summary>
    public async Task<(OAuthStateRecord? Record, OAuthStateRejection Rejection)> ConsumeAsync(string state, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var hash = Hash(state);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            """
            UPDATE oauth_states SET used_at = @now WHERE state_hash = @hash AND used_at IS NULL
            RETURNING tenant_id, company_id, code_verifier_protected, redirect_uri, created_at, expires_at, browser_binding_hash
            """,
            ("@hash", hash), ("@now", now));
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken))
            {
                var record = new OAuthStateRecord(
                    reader.GetString(0), reader.GetString(1), reader.NullableString("code_verifier_protected"), reader.GetString(3),
                    reader.Time("created_at"), reader.Time("expires_at"), reader.NullableString("browser_binding_hash"));
                return record.ExpiresAt <= now ? (null, OAuthStateRejection.Expired) : (record, OAuthStateRejection.None);
            }
        }

        await using var exists = connection.Command("SELECT 1 FROM oauth_states WHERE state_hash = @hash", ("@hash", hash));
        return (null, await exists.ExecuteScalarAsync(cancellationToken) is null ? OAuthStateRejection.Unknown : OAuthStateRejection.AlreadyUsed);
    }

    /// <summary>The lower-case hex SHA-256 of a secret value (states and browser nonces are stored only hashed).</summary>
    public static string Hash(string state) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(state)));
}
