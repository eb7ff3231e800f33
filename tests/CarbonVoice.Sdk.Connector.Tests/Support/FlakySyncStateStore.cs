using System.Threading.Channels;

namespace CarbonVoice.Sdk.Connector.Tests.Support;

/// <summary>
/// Delegates to a store, and fails the final save of runs (a save whose status is not running) as often as told, the
/// release of leases when told, like a full disk would. Each refused save is announced on <see cref="FinalSaveFailures"/>.
/// </summary>
public sealed class FlakySyncStateStore(ISyncStateStore inner) : ISyncStateStore
{
    private int _finalSavesToFail;

    /// <summary>How many final saves to refuse from now on (<see cref="int.MaxValue"/>: all).</summary>
    public int FinalSavesToFail
    {
        get => Volatile.Read(ref _finalSavesToFail);
        set => Volatile.Write(ref _finalSavesToFail, value);
    }

    public bool FailReleases { get; set; }

    public int FinalSaveAttempts => Volatile.Read(ref _attempts);

    public Channel<SyncRun> FinalSaveFailures { get; } = Channel.CreateUnbounded<SyncRun>();

    private int _attempts;

    public Task SaveRunAsync(SyncRun run, CancellationToken cancellationToken = default)
    {
        if (run.Status != SyncRunStatus.Running)
        {
            Interlocked.Increment(ref _attempts);
            if (FinalSavesToFail > 0)
            {
                if (FinalSavesToFail != int.MaxValue)
                {
                    Interlocked.Decrement(ref _finalSavesToFail);
                }

                FinalSaveFailures.Writer.TryWrite(run);
                throw new IOException("SQLite Error 13: 'database or disk is full'.");
            }
        }

        return inner.SaveRunAsync(run, cancellationToken);
    }

    public Task ReleaseLeaseAsync(SyncLease lease, CancellationToken cancellationToken = default)
        => FailReleases ? throw new IOException("SQLite Error 13: 'database or disk is full'.") : inner.ReleaseLeaseAsync(lease, cancellationToken);

    public Task<SyncRun> StartRunAsync(string tenantId, string connectorId, SyncKind kind, DateTimeOffset? highWaterMark = null, CancellationToken cancellationToken = default)
        => inner.StartRunAsync(tenantId, connectorId, kind, highWaterMark, cancellationToken);

    public Task<SyncRun> StartRunAsync(string tenantId, string connectorId, SyncKind kind, DateTimeOffset? highWaterMark, string? leaseHolder, CancellationToken cancellationToken = default)
        => inner.StartRunAsync(tenantId, connectorId, kind, highWaterMark, leaseHolder, cancellationToken);

    public Task<SyncRun?> TryInterruptRunAsync(string runId, string message, CancellationToken cancellationToken = default) => inner.TryInterruptRunAsync(runId, message, cancellationToken);

    public Task<SyncRun?> GetRunAsync(string runId, CancellationToken cancellationToken = default) => inner.GetRunAsync(runId, cancellationToken);

    public Task<IReadOnlyList<SyncRun>> ListRunsAsync(string tenantId, string connectorId, int limit = 20, CancellationToken cancellationToken = default)
        => inner.ListRunsAsync(tenantId, connectorId, limit, cancellationToken);

    public Task<string?> GetCheckpointAsync(string tenantId, string connectorId, string scope, CancellationToken cancellationToken = default)
        => inner.GetCheckpointAsync(tenantId, connectorId, scope, cancellationToken);

    public Task SetCheckpointAsync(string tenantId, string connectorId, string scope, string? value, CancellationToken cancellationToken = default)
        => inner.SetCheckpointAsync(tenantId, connectorId, scope, value, cancellationToken);

    public Task<IReadOnlyDictionary<string, string>> ListCheckpointsAsync(string tenantId, string connectorId, string scopePrefix, CancellationToken cancellationToken = default)
        => inner.ListCheckpointsAsync(tenantId, connectorId, scopePrefix, cancellationToken);

    public Task<long> GetIngestionWatermarkAsync(string tenantId, string connectorId, CancellationToken cancellationToken = default)
        => inner.GetIngestionWatermarkAsync(tenantId, connectorId, cancellationToken);

    public Task SetIngestionWatermarkAsync(string tenantId, string connectorId, long watermark, CancellationToken cancellationToken = default)
        => inner.SetIngestionWatermarkAsync(tenantId, connectorId, watermark, cancellationToken);

    public Task<int> PurgeAsync(string tenantId, string connectorId, CancellationToken cancellationToken = default) => inner.PurgeAsync(tenantId, connectorId, cancellationToken);

    public Task<SyncLease?> TryAcquireLeaseAsync(string tenantId, string connectorId, string holder, TimeSpan duration, CancellationToken cancellationToken = default)
        => inner.TryAcquireLeaseAsync(tenantId, connectorId, holder, duration, cancellationToken);

    public Task<SyncLease?> RenewLeaseAsync(SyncLease lease, TimeSpan duration, CancellationToken cancellationToken = default) => inner.RenewLeaseAsync(lease, duration, cancellationToken);

    public Task<SyncLease?> GetLeaseAsync(string tenantId, string connectorId, CancellationToken cancellationToken = default) => inner.GetLeaseAsync(tenantId, connectorId, cancellationToken);
}
