namespace CarbonVoice.Sdk.Connector;

/// <summary>An <see cref="ISyncStateStore"/> in process memory (the lease is process-wide only).</summary>
public sealed class InMemorySyncStateStore : ISyncStateStore
{
    private readonly Dictionary<string, SyncRun> _runs = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, string, string), string> _checkpoints = [];
    private readonly Dictionary<(string, string), long> _watermarks = [];
    private readonly Dictionary<(string, string), SyncLease> _leases = [];
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;

    /// <summary>Creates the store.</summary>
    /// <param name="timeProvider">The clock for run times and lease expiry.</param>
    public InMemorySyncStateStore(TimeProvider? timeProvider = null) => _time = timeProvider ?? TimeProvider.System;

    /// <inheritdoc />
    public Task<SyncRun> StartRunAsync(string tenantId, string connectorId, SyncKind kind, DateTimeOffset? highWaterMark = null, CancellationToken cancellationToken = default)
        => StartRunAsync(tenantId, connectorId, kind, highWaterMark, null, cancellationToken);

    /// <inheritdoc />
    public Task<SyncRun> StartRunAsync(string tenantId, string connectorId, SyncKind kind, DateTimeOffset? highWaterMark, string? leaseHolder, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var now = _time.GetUtcNow();
        var run = new SyncRun
        {
            Id = Guid.CreateVersion7(now).ToString("N"),
            TenantId = tenantId,
            ConnectorId = connectorId,
            Kind = kind,
            StartedAt = now,
            HighWaterMark = highWaterMark,
            LeaseHolder = leaseHolder,
        };
        lock (_gate)
        {
            _runs[run.Id] = run;
        }

        return Task.FromResult(run);
    }

    /// <inheritdoc />
    public Task SaveRunAsync(SyncRun run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            _runs[run.Id] = run;
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<SyncRun?> GetRunAsync(string runId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult(_runs.GetValueOrDefault(runId));
        }
    }

    /// <inheritdoc />
    public Task<SyncRun?> TryInterruptRunAsync(string runId, string message, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (!_runs.TryGetValue(runId, out var run) || run.Status != SyncRunStatus.Running)
            {
                return Task.FromResult(run);
            }

            var now = _time.GetUtcNow();
            var key = (run.TenantId, SyncLease.KeyOf(run.ConnectorId, run.Kind));
            var lease = _leases.GetValueOrDefault(key);
            if (lease is not null && lease.IsLiveAt(now) && (run.LeaseHolder is null || lease.Holder == run.LeaseHolder))
            {
                return Task.FromResult<SyncRun?>(run);
            }

            if (lease is not null && !lease.IsLiveAt(now) && lease.Holder == run.LeaseHolder)
            {
                _leases.Remove(key);
            }

            var interrupted = run with { Status = SyncRunStatus.Interrupted, StatusMessage = message, FinishedAt = now };
            _runs[runId] = interrupted;
            return Task.FromResult<SyncRun?>(interrupted);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<SyncRun>> ListRunsAsync(string tenantId, string connectorId, int limit = 20, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            IReadOnlyList<SyncRun> runs = _runs.Values
                .Where(r => r.TenantId == tenantId && r.ConnectorId == connectorId)
                .OrderByDescending(r => r.StartedAt)
                .ThenByDescending(r => r.Id, StringComparer.Ordinal)
                .Take(limit)
                .ToList();
            return Task.FromResult(runs);
        }
    }

    /// <inheritdoc />
    public Task<string?> GetCheckpointAsync(string tenantId, string connectorId, string scope, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult(_checkpoints.GetValueOrDefault((tenantId, connectorId, scope)));
        }
    }

    /// <inheritdoc />
    public Task SetCheckpointAsync(string tenantId, string connectorId, string scope, string? value, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (value is null)
            {
                _checkpoints.Remove((tenantId, connectorId, scope));
            }
            else
            {
                _checkpoints[(tenantId, connectorId, scope)] = value;
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, string>> ListCheckpointsAsync(string tenantId, string connectorId, string scopePrefix, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scopePrefix);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            IReadOnlyDictionary<string, string> result = _checkpoints
                .Where(p => p.Key.Item1 == tenantId && p.Key.Item2 == connectorId && p.Key.Item3.StartsWith(scopePrefix, StringComparison.Ordinal))
                .ToDictionary(p => p.Key.Item3, p => p.Value, StringComparer.Ordinal);
            return Task.FromResult(result);
        }
    }

    /// <inheritdoc />
    public Task<long> GetIngestionWatermarkAsync(string tenantId, string connectorId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult(_watermarks.GetValueOrDefault((tenantId, connectorId)));
        }
    }

    /// <inheritdoc />
    public Task SetIngestionWatermarkAsync(string tenantId, string connectorId, long watermark, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            _watermarks[(tenantId, connectorId)] = watermark;
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<int> PurgeAsync(string tenantId, string connectorId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var doomed = _checkpoints.Keys.Where(k => k.Item1 == tenantId && k.Item2 == connectorId).ToList();
            foreach (var key in doomed)
            {
                _checkpoints.Remove(key);
            }

            _watermarks.Remove((tenantId, connectorId));
            return Task.FromResult(doomed.Count);
        }
    }

    /// <inheritdoc />
    public Task<SyncLease?> TryAcquireLeaseAsync(string tenantId, string connectorId, string holder, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(holder);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (_leases.TryGetValue((tenantId, connectorId), out var current) && current.ExpiresAt > now && current.Holder != holder)
            {
                return Task.FromResult<SyncLease?>(null);
            }

            var lease = new SyncLease(tenantId, connectorId, holder, now + duration);
            _leases[(tenantId, connectorId)] = lease;
            return Task.FromResult<SyncLease?>(lease);
        }
    }

    /// <inheritdoc />
    public Task<SyncLease?> RenewLeaseAsync(SyncLease lease, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (!_leases.TryGetValue((lease.TenantId, lease.ConnectorId), out var current) || current.Holder != lease.Holder)
            {
                return Task.FromResult<SyncLease?>(null);
            }

            var renewed = current with { ExpiresAt = _time.GetUtcNow() + duration };
            _leases[(lease.TenantId, lease.ConnectorId)] = renewed;
            return Task.FromResult<SyncLease?>(renewed);
        }
    }

    /// <inheritdoc />
    public Task<SyncLease?> GetLeaseAsync(string tenantId, string connectorId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult(_leases.GetValueOrDefault((tenantId, connectorId)));
        }
    }

    /// <inheritdoc />
    public Task ReleaseLeaseAsync(SyncLease lease, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (_leases.TryGetValue((lease.TenantId, lease.ConnectorId), out var current) && current.Holder == lease.Holder)
            {
                _leases.Remove((lease.TenantId, lease.ConnectorId));
            }
        }

        return Task.CompletedTask;
    }
}
