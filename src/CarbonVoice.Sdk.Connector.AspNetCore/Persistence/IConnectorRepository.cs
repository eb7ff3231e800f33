namespace CarbonVoice.Sdk.Connector.AspNetCore;

/// <summary>
/// Where connectors are kept. The default keeps them in the SQLite file (or the PostgreSQL database of
/// <c>UsePostgreSql(...)</c>); replace it with <c>UseConnectorRepository&lt;T&gt;()</c> to keep them in the service's own
/// database (then register an <see cref="ITokenStore"/> of your own as well). Every tenant-facing read filters by tenant.
/// </summary>
public interface IConnectorRepository
{
    /// <summary>Inserts a new connector.</summary>
    /// <param name="record">The connector.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task InsertAsync(ConnectorRecord record, CancellationToken cancellationToken = default);

    /// <summary>Reads a tenant's connector; another tenant's id reads as missing.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="id">The connector id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<ConnectorRecord?> GetAsync(string tenantId, string id, CancellationToken cancellationToken = default);

    /// <summary>Reads a connector by id alone (token store, background work).</summary>
    /// <param name="id">The connector id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<ConnectorRecord?> GetByIdAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Lists a tenant's connectors of a company.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="companyId">The company.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<IReadOnlyList<ConnectorRecord>> ListAsync(string tenantId, string companyId, CancellationToken cancellationToken = default);

    /// <summary>Every connector not disconnected, across tenants (what may have runs to resume at start-up).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<IReadOnlyList<ConnectorRecord>> ListNotDisconnectedAsync(CancellationToken cancellationToken = default);

    /// <summary>Finds a tenant's connector of a company for a Carbon Voice user.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="companyId">The company.</param>
    /// <param name="externalUserId">The Carbon Voice user id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<ConnectorRecord?> FindByExternalUserAsync(string tenantId, string companyId, string externalUserId, CancellationToken cancellationToken = default);

    /// <summary>Every connector of these Carbon Voice users, across tenants (webhooks address users, not tenants); at most 1000 ids.</summary>
    /// <param name="externalUserIds">The Carbon Voice user ids.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<IReadOnlyList<ConnectorRecord>> ListByExternalUsersAsync(IReadOnlyCollection<string> externalUserIds, CancellationToken cancellationToken = default);

    /// <summary>Changes the name and the enabled entities.</summary>
    /// <param name="id">The connector id.</param>
    /// <param name="name">The new name.</param>
    /// <param name="enabledEntities">The entity keys to sync.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task UpdateSettingsAsync(string id, string name, IReadOnlyList<string> enabledEntities, CancellationToken cancellationToken = default);

    /// <summary>Sets the status unconditionally (see <see cref="TransitionStatusAsync"/> for a compare-and-set).</summary>
    /// <param name="id">The connector id.</param>
    /// <param name="status">The status (<see cref="ConnectorStatuses"/>).</param>
    /// <param name="message">Why.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task SetStatusAsync(string id, string status, string? message, CancellationToken cancellationToken = default);

    /// <summary>Sets the status only while it is one of <paramref name="from"/> (a disconnected connector is never turned back into expired by a late failure).</summary>
    /// <param name="id">The connector id.</param>
    /// <param name="from">The statuses it may change from.</param>
    /// <param name="status">The new status.</param>
    /// <param name="message">Why.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>True when the status was changed.</returns>
    Task<bool> TransitionStatusAsync(string id, IReadOnlyCollection<string> from, string status, string? message, CancellationToken cancellationToken = default);

    /// <summary>Marks a new authorization: account details, connected, no message.</summary>
    /// <param name="id">The connector id.</param>
    /// <param name="externalUserId">The Carbon Voice user id.</param>
    /// <param name="email">The account's e-mail.</param>
    /// <param name="accountName">The account's display name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task MarkConnectedAsync(string id, string? externalUserId, string? email, string? accountName, CancellationToken cancellationToken = default);

    /// <summary>Records the last sync run.</summary>
    /// <param name="id">The connector id.</param>
    /// <param name="syncLogId">The run id.</param>
    /// <param name="at">When it finished.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task SetLastSyncAsync(string id, string syncLogId, DateTimeOffset at, CancellationToken cancellationToken = default);
}
