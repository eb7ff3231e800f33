namespace CarbonVoice.Sdk.Connector;

/// <summary>The sync log, per-scope checkpoints, the ingestion watermark and the per-connector lease.</summary>
public interface ISyncStateStore
{
    /// <summary>Creates a run with status <see cref="SyncRunStatus.Running"/>, a new id and the current time.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="connectorId">The connector.</param>
    /// <param name="kind">The kind.</param>
    /// <param name="highWaterMark">The high-water mark taken before the run.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<SyncRun> StartRunAsync(string tenantId, string connectorId, SyncKind kind, DateTimeOffset? highWaterMark = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates a run with status <see cref="SyncRunStatus.Running"/>, a new id and the current time, recording in the same
    /// write the holder of the lease it runs under (<see cref="SyncRun.LeaseHolder"/>): once that lease is no longer live,
    /// <see cref="TryInterruptRunAsync"/> may mark the run interrupted.
    /// </summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="connectorId">The connector.</param>
    /// <param name="kind">The kind.</param>
    /// <param name="highWaterMark">The high-water mark taken before the run.</param>
    /// <param name="leaseHolder">The holder of the run's lease (<see cref="SyncLease.Holder"/>), or null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<SyncRun> StartRunAsync(string tenantId, string connectorId, SyncKind kind, DateTimeOffset? highWaterMark, string? leaseHolder, CancellationToken cancellationToken = default);

    /// <summary>
    /// Marks a run <see cref="SyncRunStatus.Interrupted"/> (status message <paramref name="message"/>, finished now) if,
    /// atomically with the write, it is still <see cref="SyncRunStatus.Running"/> and its lease is not live: no unexpired
    /// lease of its key (<see cref="SyncLease.KeyOf"/>) is held by its <see cref="SyncRun.LeaseHolder"/> (for a run
    /// recorded without a holder: no unexpired lease of its key at all). A live run is never marked. In the same write the
    /// holder's expired lease, if still there, is deleted, so a process that was only paused cannot renew it and carry on
    /// as if nothing happened (its renewal fails and its run stops). Atomic across processes for stores shared by processes.
    /// </summary>
    /// <param name="runId">The run.</param>
    /// <param name="message">Why, for <see cref="SyncRun.StatusMessage"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The run as stored afterwards (interrupted, or unchanged when it was not running or is alive), or null when there is no such run.</returns>
    Task<SyncRun?> TryInterruptRunAsync(string runId, string message, CancellationToken cancellationToken = default);

    /// <summary>Saves a run's progress or final state (replaces the stored run with the same id).</summary>
    /// <param name="run">The run.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task SaveRunAsync(SyncRun run, CancellationToken cancellationToken = default);

    /// <summary>Reads a run, or null.</summary>
    /// <param name="runId">The run id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<SyncRun?> GetRunAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>Lists a connector's runs, newest first.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="connectorId">The connector.</param>
    /// <param name="limit">The maximum number of runs.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<IReadOnlyList<SyncRun>> ListRunsAsync(string tenantId, string connectorId, int limit = 20, CancellationToken cancellationToken = default);

    /// <summary>Reads a checkpoint value, or null.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="connectorId">The connector.</param>
    /// <param name="scope">The scope, for example <c>messages:{conversationId}</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<string?> GetCheckpointAsync(string tenantId, string connectorId, string scope, CancellationToken cancellationToken = default);

    /// <summary>Sets a checkpoint value; null removes it.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="connectorId">The connector.</param>
    /// <param name="scope">The scope.</param>
    /// <param name="value">The value, or null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task SetCheckpointAsync(string tenantId, string connectorId, string scope, string? value, CancellationToken cancellationToken = default);

    /// <summary>Lists the checkpoints whose scope starts with <paramref name="scopePrefix"/>.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="connectorId">The connector.</param>
    /// <param name="scopePrefix">The prefix ("" for all).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<IReadOnlyDictionary<string, string>> ListCheckpointsAsync(string tenantId, string connectorId, string scopePrefix, CancellationToken cancellationToken = default);

    /// <summary>Reads the ingestion watermark (the last raw change sequence ingested; 0 when none).</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="connectorId">The connector.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<long> GetIngestionWatermarkAsync(string tenantId, string connectorId, CancellationToken cancellationToken = default);

    /// <summary>Sets the ingestion watermark.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="connectorId">The connector.</param>
    /// <param name="watermark">The watermark.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task SetIngestionWatermarkAsync(string tenantId, string connectorId, long watermark, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes a connector's checkpoints and its ingestion watermark in one transaction, so its next sync is a full
    /// one and its next ingestion starts from 0. Every checkpoint goes, including the enabled entity types saved by
    /// <see cref="ICarbonVoiceSyncService.SetEnabledEntitiesAsync"/> (they return to the defaults). The sync log and
    /// the lease are kept: runs stay readable as history (a host may still serve a disconnected connector's runs by
    /// id), and the lease may still be held by a run that is finishing.
    /// </summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="connectorId">The connector.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The number of checkpoints deleted (0 when the connector had none, so a repeated purge returns 0).</returns>
    Task<int> PurgeAsync(string tenantId, string connectorId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes the connector's lease when nobody holds it, it has expired, or <paramref name="holder"/> already holds it.
    /// Atomic across processes for stores shared by processes.
    /// </summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="connectorId">The connector.</param>
    /// <param name="holder">The would-be holder.</param>
    /// <param name="duration">How long the lease lasts unless renewed.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The lease, or null when someone else holds it.</returns>
    Task<SyncLease?> TryAcquireLeaseAsync(string tenantId, string connectorId, string holder, TimeSpan duration, CancellationToken cancellationToken = default);

    /// <summary>Extends a lease still held by its holder (an expired lease nobody took, and whose run was not interrupted meanwhile, may be renewed too).</summary>
    /// <param name="lease">The lease.</param>
    /// <param name="duration">The new duration from now.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The renewed lease, or null when it was lost.</returns>
    Task<SyncLease?> RenewLeaseAsync(SyncLease lease, TimeSpan duration, CancellationToken cancellationToken = default);

    /// <summary>Reads the lease of a key (live or expired), or null when nobody holds it.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="connectorId">The lease key (<see cref="SyncLease.KeyOf"/>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<SyncLease?> GetLeaseAsync(string tenantId, string connectorId, CancellationToken cancellationToken = default);

    /// <summary>Releases a lease if still held by its holder.</summary>
    /// <param name="lease">The lease.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task ReleaseLeaseAsync(SyncLease lease, CancellationToken cancellationToken = default);
}
