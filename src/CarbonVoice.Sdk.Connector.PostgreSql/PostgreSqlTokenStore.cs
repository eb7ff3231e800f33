using System.Security.Cryptography;
using System.Text.Json;
using CarbonVoice.Sdk.Connector.PostgreSql.Internal;
using NpgsqlTypes;
using static CarbonVoice.Sdk.Connector.PostgreSql.Internal.Sql;

namespace CarbonVoice.Sdk.Connector.PostgreSql;

/// <summary>
/// The SDK's <see cref="ITokenStore"/> over PostgreSQL (table <c>cv_tokens</c>), shared by every host and worker: one row per
/// connection with the token set encrypted by an <see cref="ITokenProtector"/>, its access token's expiry in clear (not a secret; hosts show it) and a version column (a random id, new on
/// every write). <see cref="TrySetAsync"/> is one conditional statement — <c>UPDATE … WHERE version = @expected</c>, or
/// <c>INSERT … ON CONFLICT DO NOTHING</c> when none is expected — so the compare-and-swap holds across processes and
/// machines, and a refresh can never put a rotated-away refresh token back.
/// </summary>
public sealed class PostgreSqlTokenStore : ITokenStore, IAsyncDisposable, IDisposable
{
    private readonly PostgreSqlConnectorDatabase _database;
    private readonly bool _ownsDatabase;
    private readonly ITokenProtector _protector;
    private readonly TimeProvider _time;

    /// <summary>Creates the store over its own connection pool; the schema is created on first use.</summary>
    /// <param name="options">The connection string and schema.</param>
    /// <param name="protector">Encrypts the token sets (<see cref="UnprotectedTokenProtector.Instance"/> only when the database is encrypted otherwise).</param>
    /// <param name="timeProvider">The clock of the <c>updated_at</c> column.</param>
    public PostgreSqlTokenStore(PostgreSqlConnectorOptions options, ITokenProtector protector, TimeProvider? timeProvider = null)
        : this(new PostgreSqlConnectorDatabase(options), protector, timeProvider, ownsDatabase: true)
    {
    }

    internal PostgreSqlTokenStore(PostgreSqlConnectorDatabase database, ITokenProtector protector, TimeProvider? timeProvider, bool ownsDatabase = false)
    {
        ArgumentNullException.ThrowIfNull(protector);
        _database = database;
        _protector = protector;
        _ownsDatabase = ownsDatabase;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public async Task<CarbonVoiceToken?> GetAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connectionId);
        var rows = await _database.QueryAsync(
            "SELECT token, version FROM cv_tokens WHERE connection_id = @id;",
            c => c.Text("id", connectionId),
            r => (Ciphertext: (byte[])r.GetValue(0), Version: r.GetString(1)),
            cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : Read(connectionId, rows[0].Ciphertext, rows[0].Version);
    }

    /// <inheritdoc />
    public async Task SetAsync(string connectionId, CarbonVoiceToken token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connectionId);
        ArgumentNullException.ThrowIfNull(token);
        await WriteAsync(
            "INSERT INTO cv_tokens (connection_id, token, version, expires_at, updated_at) VALUES (@id, @token, @version, @expires, @now) ON CONFLICT (connection_id) DO UPDATE SET token = excluded.token, version = excluded.version, expires_at = excluded.expires_at, updated_at = excluded.updated_at;",
            connectionId,
            token,
            null,
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<bool> TrySetAsync(string connectionId, CarbonVoiceToken token, string? expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connectionId);
        ArgumentNullException.ThrowIfNull(token);
        var sql = expectedVersion is null
            ? "INSERT INTO cv_tokens (connection_id, token, version, expires_at, updated_at) VALUES (@id, @token, @version, @expires, @now) ON CONFLICT (connection_id) DO NOTHING;"
            : "UPDATE cv_tokens SET token = @token, version = @version, expires_at = @expires, updated_at = @now WHERE connection_id = @id AND version = @expected;";
        return await WriteAsync(sql, connectionId, token, expectedVersion, cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc />
    public async Task RemoveAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connectionId);
        await _database.ExecuteAsync("DELETE FROM cv_tokens WHERE connection_id = @id;", c => c.Text("id", connectionId), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsDatabase)
        {
            _database.Dispose();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_ownsDatabase)
        {
            await _database.DisposeAsync().ConfigureAwait(false);
        }
    }

    private Task<int> WriteAsync(string sql, string connectionId, CarbonVoiceToken token, string? expectedVersion, CancellationToken cancellationToken)
    {
        var stored = new StoredToken(token.AccessToken, token.RefreshToken, token.ExpiresAt, [.. token.Scopes], token.TokenType, token.IssuedAt);
        var ciphertext = _protector.Protect(JsonSerializer.SerializeToUtf8Bytes(stored, PostgreSqlJsonContext.Default.StoredToken));
        return _database.ExecuteAsync(
            sql,
            c =>
            {
                c.Text("id", connectionId).Add("token", NpgsqlDbType.Bytea, ciphertext).Text("version", Guid.NewGuid().ToString("N")).Bigint("now", Ticks(_time.GetUtcNow())).Bigint("expires", TicksOrNull(token.ExpiresAt));
                if (expectedVersion is not null)
                {
                    c.Text("expected", expectedVersion);
                }
            },
            cancellationToken);
    }

    private CarbonVoiceToken Read(string connectionId, byte[] ciphertext, string version)
    {
        StoredToken? stored;
        try
        {
            stored = JsonSerializer.Deserialize(_protector.Unprotect(ciphertext), PostgreSqlJsonContext.Default.StoredToken);
        }
        catch (Exception exception) when (exception is CryptographicException or JsonException)
        {
            throw new CarbonVoiceException($"The stored token of connection '{connectionId}' is not readable with the configured ITokenProtector (another key ring, or altered); store a new one.", exception);
        }

        if (stored is null)
        {
            throw new CarbonVoiceException($"The stored token of connection '{connectionId}' is empty; store a new one.");
        }

        return new CarbonVoiceToken
        {
            AccessToken = stored.AccessToken,
            RefreshToken = stored.RefreshToken,
            ExpiresAt = stored.ExpiresAt,
            IssuedAt = stored.IssuedAt,
            Scopes = stored.Scopes ?? [],
            TokenType = stored.TokenType ?? "Bearer",
            Version = version,
        };
    }
}
