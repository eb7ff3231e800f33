using System.Text.Json;

namespace CarbonVoice.Sdk.Connector.AspNetCore;

/// <summary>Reads and writes connectors. Every tenant-facing read filters by tenant in SQL.</summary>
internal sealed class ConnectorRepository(ConnectorDatabase database, TimeProvider time) : IConnectorRepository
{
    /// <summary>The most external user ids <see cref="ListByExternalUsersAsync"/> accepts (one SQL parameter each).</summary>
    public const int MaxExternalUserIds = 1000;

    private const string CommonColumns = "id, tenant_id, company_id, name, status, status_message, external_user_id, external_user_email, external_company_id, external_company_name, enabled_entities, last_sync_log_id, last_sync_at, created_at, updated_at";

    // SQLite: the token is in the row. PostgreSQL: it is in the connector package's cv_tokens, shared with the workers (its expiry in clear, as ticks).
    private string Columns => database.IsPostgreSql
        ? CommonColumns + ", CASE WHEN EXISTS (SELECT 1 FROM cv_tokens t WHERE t.connection_id = connectors.id) THEN 1 ELSE 0 END AS has_token, (SELECT t.expires_at FROM cv_tokens t WHERE t.connection_id = connectors.id) AS token_expires_at"
        : CommonColumns + ", CASE WHEN token_protected IS NOT NULL THEN 1 ELSE 0 END AS has_token, token_expires_at";

    /// <summary>Inserts a new connector.</summary>
    public async Task InsertAsync(ConnectorRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            """
            INSERT INTO connectors (id, tenant_id, company_id, name, status, status_message, external_user_id, external_user_email,
                external_company_id, external_company_name, enabled_entities, created_at, updated_at)
            VALUES (@id, @tenant, @company, @name, @status, @message, @user, @email, @ext_company, @ext_name, @entities, @now, @now)
            """,
            ("@id", record.Id), ("@tenant", record.TenantId), ("@company", record.CompanyId), ("@name", record.Name),
            ("@status", record.Status), ("@message", record.StatusMessage), ("@user", record.ExternalUserId), ("@email", record.ExternalUserEmail),
            ("@ext_company", record.ExternalCompanyId), ("@ext_name", record.ExternalCompanyName),
            ("@entities", JsonSerializer.Serialize(record.EnabledEntities)), ("@now", time.GetUtcNow()));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Reads a tenant's connector; another tenant's id reads as missing.</summary>
    public async Task<ConnectorRecord?> GetAsync(string tenantId, string id, CancellationToken cancellationToken = default)
        => (await QueryAsync($"SELECT {Columns} FROM connectors WHERE id = @id AND tenant_id = @tenant", cancellationToken, ("@id", id), ("@tenant", tenantId))).FirstOrDefault();

    /// <summary>Reads a connector by id alone (token store, background work).</summary>
    public async Task<ConnectorRecord?> GetByIdAsync(string id, CancellationToken cancellationToken = default)
        => (await QueryAsync($"SELECT {Columns} FROM connectors WHERE id = @id", cancellationToken, ("@id", id))).FirstOrDefault();

    /// <summary>Lists a tenant's connectors of a company.</summary>
    public Task<IReadOnlyList<ConnectorRecord>> ListAsync(string tenantId, string companyId, CancellationToken cancellationToken = default)
        => QueryAsync($"SELECT {Columns} FROM connectors WHERE tenant_id = @tenant AND company_id = @company ORDER BY created_at, id", cancellationToken, ("@tenant", tenantId), ("@company", companyId));

    /// <summary>Every connector not disconnected, across tenants (what may have runs to resume at start-up).</summary>
    public Task<IReadOnlyList<ConnectorRecord>> ListNotDisconnectedAsync(CancellationToken cancellationToken = default)
        => QueryAsync($"SELECT {Columns} FROM connectors WHERE status <> @disconnected ORDER BY created_at, id", cancellationToken, ("@disconnected", ConnectorStatuses.Disconnected));

    /// <summary>Finds a tenant's connector of a company for a Carbon Voice user.</summary>
    public async Task<ConnectorRecord?> FindByExternalUserAsync(string tenantId, string companyId, string externalUserId, CancellationToken cancellationToken = default)
        => (await QueryAsync(
            $"SELECT {Columns} FROM connectors WHERE tenant_id = @tenant AND company_id = @company AND external_user_id = @user ORDER BY created_at LIMIT 1",
            cancellationToken, ("@tenant", tenantId), ("@company", companyId), ("@user", externalUserId))).FirstOrDefault();

    /// <summary>Every connector of a Carbon Voice user, across tenants (webhooks address users, not tenants).</summary>
    public Task<IReadOnlyList<ConnectorRecord>> ListByExternalUsersAsync(IReadOnlyCollection<string> externalUserIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(externalUserIds);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(externalUserIds.Count, MaxExternalUserIds, nameof(externalUserIds));
        if (externalUserIds.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<ConnectorRecord>>([]);
        }

        var names = externalUserIds.Select((_, i) => "@u" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        return QueryAsync(
            $"SELECT {Columns} FROM connectors WHERE external_user_id IN ({string.Join(", ", names)}) ORDER BY created_at, id",
            cancellationToken, [.. names.Zip(externalUserIds, (n, v) => (n, (object?)v))]);
    }

    /// <summary>Changes the name and the enabled entities.</summary>
    public async Task UpdateSettingsAsync(string id, string name, IReadOnlyList<string> enabledEntities, CancellationToken cancellationToken = default)
        => await ExecuteAsync(
            "UPDATE connectors SET name = @name, enabled_entities = @entities, updated_at = @now WHERE id = @id",
            cancellationToken, ("@id", id), ("@name", name), ("@entities", JsonSerializer.Serialize(enabledEntities)), ("@now", time.GetUtcNow()));

    /// <summary>Sets the status unconditionally (see <see cref="TransitionStatusAsync"/> for a compare-and-set).</summary>
    public async Task SetStatusAsync(string id, string status, string? message, CancellationToken cancellationToken = default)
        => await ExecuteAsync(
            "UPDATE connectors SET status = @status, status_message = @message, updated_at = @now WHERE id = @id",
            cancellationToken, ("@id", id), ("@status", status), ("@message", message), ("@now", time.GetUtcNow()));

    /// <summary>
    /// Changes the status only when the connector is in one of <paramref name="from"/> (a compare-and-set: a disconnected
    /// connector is never turned back into expired by a late failure).
    /// </summary>
    /// <returns>True when the status was changed.</returns>
    public async Task<bool> TransitionStatusAsync(string id, IReadOnlyCollection<string> from, string status, string? message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(from);
        var names = from.Select((_, i) => "@from" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        return await ExecuteAsync(
            $"UPDATE connectors SET status = @status, status_message = @message, updated_at = @now WHERE id = @id AND status IN ({string.Join(", ", names)})",
            cancellationToken,
            [("@id", id), ("@status", status), ("@message", message), ("@now", time.GetUtcNow()), .. names.Zip(from, (n, v) => (n, (object?)v))]) == 1;
    }

    /// <summary>Marks a new authorization: account details, connected, no message.</summary>
    public async Task MarkConnectedAsync(string id, string? externalUserId, string? email, string? accountName, CancellationToken cancellationToken = default)
        => await ExecuteAsync(
            """
            UPDATE connectors SET status = 'connected', status_message = NULL, external_user_id = @user, external_user_email = @email,
                external_company_id = @user, external_company_name = @account, updated_at = @now WHERE id = @id
            """,
            cancellationToken, ("@id", id), ("@user", externalUserId), ("@email", email), ("@account", accountName), ("@now", time.GetUtcNow()));

    /// <summary>Records the last sync run.</summary>
    public async Task SetLastSyncAsync(string id, string syncLogId, DateTimeOffset at, CancellationToken cancellationToken = default)
        => await ExecuteAsync(
            "UPDATE connectors SET last_sync_log_id = @run, last_sync_at = @at, updated_at = @now WHERE id = @id",
            cancellationToken, ("@id", id), ("@run", syncLogId), ("@at", at), ("@now", time.GetUtcNow()));

    /// <summary>Reads the encrypted token (SQLite mode: <see cref="ConnectorTokenStore"/>).</summary>
    public async Task<string?> GetProtectedTokenAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("SELECT token_protected FROM connectors WHERE id = @id", ("@id", id));
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    /// <summary>
    /// Saves the encrypted token only when the stored one has the version <paramref name="expectedVersion"/> (null: only
    /// when none is stored): a compare-and-swap in one UPDATE, atomic across connections and processes.
    /// </summary>
    /// <returns>True when the token was saved; false when the connector does not exist or its token changed meanwhile.</returns>
    public async Task<bool> TrySetProtectedTokenAsync(string id, string? expectedVersion, string protectedToken, DateTimeOffset? expiresAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(protectedToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        ((Microsoft.Data.Sqlite.SqliteConnection)connection).CreateFunction<string?, string?>(TokenVersion.SqlFunction, TokenVersion.Of, isDeterministic: true);
        await using var command = connection.Command(
            $"UPDATE connectors SET token_protected = @token, token_expires_at = @expires, updated_at = @now WHERE id = @id AND {TokenVersion.SqlFunction}(token_protected) IS @expected",
            ("@id", id), ("@token", protectedToken), ("@expires", expiresAt), ("@now", time.GetUtcNow()), ("@expected", expectedVersion));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Saves the encrypted token unconditionally (a new authorization, a disconnect); false when the connector does not exist.</summary>
    public async Task<bool> SetProtectedTokenAsync(string id, string? protectedToken, DateTimeOffset? expiresAt, CancellationToken cancellationToken = default)
        => await ExecuteAsync(
            "UPDATE connectors SET token_protected = @token, token_expires_at = @expires, updated_at = @now WHERE id = @id",
            cancellationToken, ("@id", id), ("@token", protectedToken), ("@expires", expiresAt), ("@now", time.GetUtcNow())) == 1;

    private async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params (string, object?)[] parameters)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<IReadOnlyList<ConnectorRecord>> QueryAsync(string sql, CancellationToken cancellationToken, params (string, object?)[] parameters)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var list = new List<ConnectorRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(Read(reader));
        }

        return list;
    }

    private static ConnectorRecord Read(System.Data.Common.DbDataReader reader) => new()
    {
        Id = reader.GetString(reader.GetOrdinal("id")),
        TenantId = reader.GetString(reader.GetOrdinal("tenant_id")),
        CompanyId = reader.GetString(reader.GetOrdinal("company_id")),
        Name = reader.GetString(reader.GetOrdinal("name")),
        Status = reader.GetString(reader.GetOrdinal("status")),
        StatusMessage = reader.NullableString("status_message"),
        ExternalUserId = reader.NullableString("external_user_id"),
        ExternalUserEmail = reader.NullableString("external_user_email"),
        ExternalCompanyId = reader.NullableString("external_company_id"),
        ExternalCompanyName = reader.NullableString("external_company_name"),
        EnabledEntities = JsonSerializer.Deserialize<string[]>(reader.GetString(reader.GetOrdinal("enabled_entities"))) ?? [],
        HasToken = reader.Int64("has_token") != 0,
        TokenExpiresAt = reader.GetValue(reader.GetOrdinal("token_expires_at")) is long ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : reader.NullableTime("token_expires_at"),
        LastSyncLogId = reader.NullableString("last_sync_log_id"),
        LastSyncAt = reader.NullableTime("last_sync_at"),
        CreatedAt = reader.Time("created_at"),
        UpdatedAt = reader.Time("updated_at"),
    };
}
