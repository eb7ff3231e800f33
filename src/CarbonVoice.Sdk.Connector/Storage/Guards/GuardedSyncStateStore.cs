namespace CarbonVoice.Sdk.Connector;

/// <summary>An <see cref="ISyncStateStore"/> whose failures are <see cref="ConnectorStoreException"/>s (see <see cref="ConnectorStoreGuard"/>).</summary>
internal sealed class GuardedSyncStateStore(ISyncStateStore inner) : ISyncStateStore
{
    private const ConnectorStoreKind Store = ConnectorStoreKind.SyncState;

    public Task<SyncRun> StartRunAsync(string tenantId, string connectorId, SyncKind kind, DateTimeOffset? highWaterMark = null, CancellationToken cancellationToken = default)
        => ConnectorStoreGuard.CallAsync(Store, () => inner.StartRunAsync(tenantId, connectorId, kind, highWaterMark, cancellationToken));

    public Task<SyncRun> StartRunAsync(string tenantId, string connectorId, SyncKind kind, DateTimeOffset? highWaterMark, string? leaseHolder, CancellationToken cancellationToken = default)
        => ConnectorStoreGuard.CallAsync(Store, () => inner.StartRunAsync(tenantId, connectorId, kind, highWaterMark, leaseHolder, cancellationToken));

    public Task SaveRunAsync(SyncRun run, CancellationToken cancellationToken = default)
        => ConnectorStoreGuard.CallAsync(Store, () => inner.SaveRunAsync(run, cancellationToken));

    public Task<SyncRun?> TryInterruptRunAsync(string runId, string message, CancellationToken cancellationToken = default)
        => ConnectorStoreGuard.CallAsync(Store, () => inner.TryInterruptRunAsync(runId, message, cancellationToken));

    public Task<SyncRun?> GetRunAsync(string runId, CancellationToken cancellationToken = default)
        => ConnectorStoreGuard.CallAsync(Store, () => inner.GetRunAsync(runId, cancellationToken));

    public Task<IReadOnlyList<SyncRun>> ListRunsAsync(string tenantId, string connectorId, int limit = 20, CancellationToken cancellationToken = default)
        => ConnectorStoreGuard.CallAsync(Store, () => inner.ListRunsAsync(tenantId, connectorId, limit, cancellationToken));

    public Task<string?> GetCheckpointAsync(string tenantId, string connectorId, string scope, CancellationToken cancellationToken = default)
        => ConnectorStoreGuard.CallAsync(Store, () => inner.GetCheckpointAsync(tenantId, connectorId, scope, cancellationToken));

    public Task SetCheckpointAsync(string tenantId, string connectorId, string scope, string? value, CancellationToken cancellationToken = default)
        => ConnectorStoreGuard.CallAsync(Store, () => inner.SetCheckpointAsync(tenantId, connectorId, scope, value, cancellationToken));

    public Task<IReadOnlyDictionary<string, string>> ListCheckpointsAsync(string tenantId, string connectorId, string scopePrefix, CancellationToken cancellationToken = default)
        => ConnectorStoreGuard.CallAsync(Store, () => inner.ListCheckpointsAsync(tenantId, connectorId, scopePrefix, cancellationToken));

    public Task<long> GetIngestionWatermarkAsync(string tenantId, string connectorId, CancellationToken cancellationToken = default)
        => ConnectorStoreGuard.CallAsync(Store, () => inner.GetIngestionWatermarkAsync(tenantId, connectorId, cancellationToken));

    public Task SetIngestionWatermarkAsync(string tenantId, string connectorId, long watermark, CancellationToken cancellationToken = default)
        => ConnectorStoreGuard.CallAsync(Store, () => inner.SetIngestionWatermarkAsync(tenantId, connectorId, watermark, cancellationToken));

    public Task<int> PurgeAsync(string tenantId, string connectorId, CancellationToken cancellationToken = default)
        => ConnectorStoreGuard.CallAsync(Store, () => inner.PurgeAsync(tenantId, connectorId, cancellationToken));

    public Task<SyncLease?> TryAcquireLeaseAsync(string tenantId, string connectorId, string holder, TimeSpan duration, CancellationToken cancellationToken = default)
        => ConnectorStoreGuard.CallAsync(Store, () => inner.TryAcquireLeaseAsync(tenantId, connectorId, holder, duration, cancellationToken));

    public Task<SyncLease?> RenewLeaseAsync(SyncLease lease, TimeSpan duration, CancellationToken cancellationToken = default)
        => ConnectorStoreGuard.CallAsync(Store, () => inner.RenewLeaseAsync(lease, duration, cancellationToken));

    public Task<SyncLease?> GetLeaseAsync(string tenantId, string connectorId, CancellationToken cancellationToken = default)
        => ConnectorStoreGuard.CallAsync(Store, () => inner.GetLeaseAsync(tenantId, connectorId, cancellationToken));

    public Task ReleaseLeaseAsync(SyncLease lease, CancellationToken cancellationToken = default)
        => ConnectorStoreGuard.CallAsync(Store, () => inner.ReleaseLeaseAsync(lease, cancellationToken));
}
