using System.Threading.Channels;
using CarbonVoice.Sdk.Connector;

namespace CarbonVoice.Sample.Host.Tests.Infrastructure;

/// <summary>Delegates to the host's state store and refuses the saves that end runs (status not running) as often as told, like a full disk; each refusal is announced, and so is each run read.</summary>
public sealed class FlakyStateStore(ISyncStateStore inner) : ISyncStateStore
{
    private int _toFail;

    public int FinalSavesToFail
    {
        get => Volatile.Read(ref _toFail);
        set => Volatile.Write(ref _toFail, value);
    }

    public Channel<SyncRun> Refused { get; } = Channel.CreateUnbounded<SyncRun>();

    public Task SaveRunAsync(SyncRun run, CancellationToken cancellationToken = default)
    {
        if (run.Status != SyncRunStatus.Running && FinalSavesToFail > 0)
        {
            if (FinalSavesToFail != int.MaxValue)
            {
                Interlocked.Decrement(ref _toFail);
            }

            Refused.Writer.TryWrite(run);
            throw new Microsoft.Data.Sqlite.SqliteException("SQLite Error 13: 'database or disk is full'.", 13);
        }

        return inner.SaveRunAsync(run, cancellationToken);
    }

    public Task<SyncRun> StartRunAsync(string tenantId, string connectorId, SyncKind kind, DateTimeOffset? highWaterMark = null, CancellationToken cancellationToken = default)
        => inner.StartRunAsync(tenantId, connectorId, kind, highWaterMark, cancellationToken);

    public Task<SyncRun> StartRunAsync(string tenantId, string connectorId, SyncKind kind, DateTimeOffset? highWaterMark, string? leaseHolder, CancellationToken cancellationToken = default)
        => inner.StartRunAsync(tenantId, connectorId, kind, highWaterMark, leaseHolder, cancellationToken);

    public Task<SyncRun?> TryInterruptRunAsync(string runId, string message, CancellationToken cancellationToken = default) => inner.TryInterruptRunAsync(runId, message, cancellationToken);

    /// <summary>The id of every run read, in order.</summary>
    public Channel<string> RunsRead { get; } = Channel.CreateUnbounded<string>();

    public Task<SyncRun?> GetRunAsync(string runId, CancellationToken cancellationToken = default)
    {
        RunsRead.Writer.TryWrite(runId);
        return inner.GetRunAsync(runId, cancellationToken);
    }

    public Task<IReadOnlyList<SyncRun>> ListRunsAsync(string tenantId, string connectorId, int limit = 20, CancellationToken cancellationToken = default) => inner.ListRunsAsync(tenantId, connectorId, limit, cancellationToken);

    public Task<string?> GetCheckpointAsync(string tenantId, string connectorId, string scope, CancellationToken cancellationToken = default) => inner.GetCheckpointAsync(tenantId, connectorId, scope, cancellationToken);

    public Task SetCheckpointAsync(string tenantId, string connectorId, string scope, string? value, CancellationToken cancellationToken = default) => inner.SetCheckpointAsync(tenantId, connectorId, scope, value, cancellationToken);

    public Task<IReadOnlyDictionary<string, string>> ListCheckpointsAsync(string tenantId, string connectorId, string scopePrefix, CancellationToken cancellationToken = default)
        => inner.ListCheckpointsAsync(tenantId, connectorId, scopePrefix, cancellationToken);

    public Task<long> GetIngestionWatermarkAsync(string tenantId, string connectorId, CancellationToken cancellationToken = default) => inner.GetIngestionWatermarkAsync(tenantId, connectorId, cancellationToken);

    public Task SetIngestionWatermarkAsync(string tenantId, string connectorId, long watermark, CancellationToken cancellationToken = default) => inner.SetIngestionWatermarkAsync(tenantId, connectorId, watermark, cancellationToken);

    public Task<int> PurgeAsync(string tenantId, string connectorId, CancellationToken cancellationToken = default) => inner.PurgeAsync(tenantId, connectorId, cancellationToken);

    public Task<SyncLease?> TryAcquireLeaseAsync(string tenantId, string connectorId, string holder, TimeSpan duration, CancellationToken cancellationToken = default)
        => inner.TryAcquireLeaseAsync(tenantId, connectorId, holder, duration, cancellationToken);

    public Task<SyncLease?> RenewLeaseAsync(SyncLease lease, TimeSpan duration, CancellationToken cancellationToken = default) => inner.RenewLeaseAsync(lease, duration, cancellationToken);

    public Task<SyncLease?> GetLeaseAsync(string tenantId, string connectorId, CancellationToken cancellationToken = default) => inner.GetLeaseAsync(tenantId, connectorId, cancellationToken);

    public Task ReleaseLeaseAsync(SyncLease lease, CancellationToken cancellationToken = default) => inner.ReleaseLeaseAsync(lease, cancellationToken);
}
