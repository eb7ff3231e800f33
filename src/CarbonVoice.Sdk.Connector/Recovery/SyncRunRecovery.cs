using CarbonVoice.Sdk.Connector.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CarbonVoice.Sdk.Connector;

/// <summary>
/// Tells live runs from dead ones and what to resume. A run is alive while its lease is: a run still marked
/// <see cref="SyncRunStatus.Running"/> whose lease lapsed (its process was killed, or could not record its end) is marked
/// <see cref="SyncRunStatus.Interrupted"/> when a status is read, when the next run of its kind takes the lease, or when a
/// host plans what to resume at start-up — always by the store's conditional write, which never marks a live run.
/// </summary>
public sealed class SyncRunRecovery
{
    private const int RecentRuns = 20;
    private readonly ISyncStateStore _state;
    private readonly IRawDataStore _raw;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates the recovery helper.</summary>
    /// <param name="state">The sync log and leases.</param>
    /// <param name="raw">The raw records (to tell whether an ingestion is due).</param>
    /// <param name="timeProvider">The clock on which lease expiries are waited for.</param>
    /// <param name="logger">The logger.</param>
    public SyncRunRecovery(ISyncStateStore state, IRawDataStore raw, TimeProvider? timeProvider = null, ILogger<SyncRunRecovery>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(raw);
        _state = ConnectorStoreGuard.Wrap(state);
        _raw = ConnectorStoreGuard.Wrap(raw);
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger<SyncRunRecovery>.Instance;
    }

    /// <summary>Reads a run as it really is: a running run whose lease is no longer live is marked interrupted first.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The run, or null when there is none.</returns>
    public async Task<SyncRun?> GetRunAsync(string runId, CancellationToken cancellationToken = default)
    {
        var run = await _state.GetRunAsync(runId, cancellationToken).ConfigureAwait(false);
        return run is null ? null : await DeadRuns.TryInterruptAsync(_state, run, _logger, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The live lease of a connector's syncs (or of its ingestions when <paramref name="kind"/> is <see cref="SyncKind.Ingestion"/>) and the run holding it; null when no live lease exists.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="connectorId">The connector.</param>
    /// <param name="kind">Any sync kind for the sync lease, <see cref="SyncKind.Ingestion"/> for the ingestion lease.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<LiveLease?> FindLiveLeaseAsync(string tenantId, string connectorId, SyncKind kind, CancellationToken cancellationToken = default)
    {
        var lease = await _state.GetLeaseAsync(tenantId, SyncLease.KeyOf(connectorId, kind), cancellationToken).ConfigureAwait(false);
        if (lease is null || !lease.IsLiveAt(_time.GetUtcNow()))
        {
            return null;
        }

        var runs = await _state.ListRunsAsync(tenantId, connectorId, RecentRuns, cancellationToken).ConfigureAwait(false);
        var held = runs.Where(r => r.LeaseHolder == lease.Holder && IsIngestion(r) == (kind == SyncKind.Ingestion)).ToList();
        var running = held.FirstOrDefault(r => r.Status == SyncRunStatus.Running);
        return new LiveLease(lease, running) { Ending = running is null && held.Count > 0 };
    }

    /// <summary>
    /// Works out what to run for a connector so that interrupted work resumes, typically at a host's start-up. For each of
    /// its sync and ingestion runs still marked running, waits (on the <see cref="TimeProvider"/>, at most one lease
    /// duration) until its lease lapses and marks it interrupted; a lease renewed meanwhile belongs to a live run elsewhere,
    /// which is left alone. Then plans the interrupted sync (same kind) and an ingestion when one was interrupted or raw
    /// records changed past the ingestion watermark. A sync resumes from its checkpoints, an ingestion from its watermark,
    /// so running the plan twice is harmless.
    /// </summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="connectorId">The connector.</param>
    /// <param name="resumeCancelled">Also resume runs that ended <see cref="SyncRunStatus.Cancelled"/> (for a host whose runs are cancelled only by its own shutdown, or by disconnecting a connector it no longer runs).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    public async Task<ResumePlan> PlanResumeAsync(string tenantId, string connectorId, bool resumeCancelled = false, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectorId);
        var runs = await _state.ListRunsAsync(tenantId, connectorId, RecentRuns, cancellationToken).ConfigureAwait(false);
        var sync = SettleAsync(runs.FirstOrDefault(r => !IsIngestion(r)), cancellationToken);
        var ingestion = SettleAsync(runs.FirstOrDefault(IsIngestion), cancellationToken);
        var (lastSync, lastIngestion) = (await sync.ConfigureAwait(false), await ingestion.ConfigureAwait(false));

        bool Resumable(SyncRun? run) => run is { Status: SyncRunStatus.Interrupted } || (resumeCancelled && run is { Status: SyncRunStatus.Cancelled });
        var plan = new ResumePlan(tenantId, connectorId)
        {
            InterruptedSync = Resumable(lastSync) ? lastSync : null,
            Sync = Resumable(lastSync) ? (lastSync!.Kind == SyncKind.Full ? SyncMode.Full : SyncMode.Delta) : null,
            InterruptedIngestion = Resumable(lastIngestion) ? lastIngestion : null,
        };
        if (lastIngestion is { Status: SyncRunStatus.Running })
        {
            return plan; // alive elsewhere: it reads every change up to its end
        }

        var watermark = await _state.GetIngestionWatermarkAsync(tenantId, connectorId, cancellationToken).ConfigureAwait(false);
        var pending = await _raw.ReadChangedSinceAsync(tenantId, connectorId, watermark, 1, cancellationToken).ConfigureAwait(false);
        return plan with { IngestionPending = pending.Items.Count > 0 };
    }

    private static bool IsIngestion(SyncRun run) => run.Kind == SyncKind.Ingestion;

    /// <summary>A run as it ends up once its lease had the time to lapse: interrupted when dead, unchanged when finished or alive.</summary>
    private async Task<SyncRun?> SettleAsync(SyncRun? run, CancellationToken cancellationToken)
    {
        if (run is not { Status: SyncRunStatus.Running })
        {
            return run;
        }

        var key = SyncLease.KeyOf(run.ConnectorId, run.Kind);
        DateTimeOffset? firstExpiry = null;
        for (var attempt = 0; attempt < 10; attempt++)
        {
            run = await DeadRuns.TryInterruptAsync(_state, run, _logger, cancellationToken).ConfigureAwait(false);
            if (run.Status != SyncRunStatus.Running)
            {
                return run;
            }

            var lease = await _state.GetLeaseAsync(run.TenantId, key, cancellationToken).ConfigureAwait(false);
            var now = _time.GetUtcNow();
            if (lease is null || !lease.IsLiveAt(now))
            {
                continue; // lapsed since the check above: the next check marks the run
            }

            if (run.LeaseHolder is null || lease.Holder != run.LeaseHolder)
            {
                // A run without holder sharing a live lease (that holder is alive), or a lease taken over since the check (the next check marks the run).
                if (run.LeaseHolder is null)
                {
                    return run;
                }

                continue;
            }

            firstExpiry ??= lease.ExpiresAt;
            if (lease.ExpiresAt != firstExpiry)
            {
                return run; // renewed while we waited: a live run of another process
            }

            // Rounded up to whole milliseconds (system timers truncate): a wait never ends before the expiry it waits for.
            var left = TimeSpan.FromMilliseconds(Math.Ceiling((lease.ExpiresAt - now).TotalMilliseconds));
            await Task.Delay(left, _time, cancellationToken).ConfigureAwait(false);
        }

        return await DeadRuns.TryInterruptAsync(_state, run, _logger, cancellationToken).ConfigureAwait(false);
    }
}
