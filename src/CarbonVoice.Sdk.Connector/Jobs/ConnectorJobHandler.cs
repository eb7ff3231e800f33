using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CarbonVoice.Sdk.Connector;

/// <summary>
/// Runs one <see cref="ConnectorJob"/>: the job handler every worker host shares (a <c>BackgroundService</c> pump, an Azure
/// Functions <c>QueueTrigger</c>). It never deletes, renews or moves messages: it says what the queue should do
/// (<see cref="ConnectorJobOutcome"/>). Runs report their progress to the <see cref="IRunProgressStore"/> when one is
/// registered, so the host that queued the job can relay it.
/// </summary>
/// <remarks>
/// At-least-once delivery is safe because a job is idempotent: a sync resumes from its checkpoints and de-duplicates
/// records by content hash, an ingestion reads from its watermark and writes only changed chunks, and the connector's lease
/// keeps two runs of one connector apart (a job that finds the lease taken is <see cref="ConnectorJobStatus.RetryLater"/>).
/// An ingestion job queued before a succeeded ingestion of the same connector started is already covered by it
/// and completes at once.
/// </remarks>
public sealed class ConnectorJobHandler
{
    private readonly ICarbonVoiceSyncService _sync;
    private readonly ICarbonVoiceIngestionService _ingestion;
    private readonly SyncRunRecovery _recovery;
    private readonly ISyncStateStore _state;
    private readonly IRunProgressStore? _progress;
    private readonly ConnectorJobOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates the handler.</summary>
    /// <param name="sync">The sync service.</param>
    /// <param name="ingestion">The ingestion service.</param>
    /// <param name="recovery">Finds the run holding a lease.</param>
    /// <param name="state">The sync log (to see whether an ingestion job is already covered).</param>
    /// <param name="options">The job options.</param>
    /// <param name="progress">Where progress goes for hosts to relay; null for none.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="logger">The logger.</param>
    public ConnectorJobHandler(ICarbonVoiceSyncService sync, ICarbonVoiceIngestionService ingestion, SyncRunRecovery recovery, ISyncStateStore state, IOptions<ConnectorJobOptions>? options = null, IRunProgressStore? progress = null, TimeProvider? timeProvider = null, ILogger<ConnectorJobHandler>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(sync);
        ArgumentNullException.ThrowIfNull(ingestion);
        ArgumentNullException.ThrowIfNull(recovery);
        ArgumentNullException.ThrowIfNull(state);
        _sync = sync;
        _ingestion = ingestion;
        _recovery = recovery;
        _state = ConnectorStoreGuard.Wrap(state);
        _progress = progress;
        _options = options?.Value ?? new ConnectorJobOptions();
        _time = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>Runs a job to its end.</summary>
    /// <param name="job">The job.</param>
    /// <param name="cancellationToken">The worker is stopping (the run is cancelled and the job is retried later).</param>
    /// <returns>What the queue should do with the job's message.</returns>
    public async Task<ConnectorJobOutcome> HandleAsync(ConnectorJob job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (string.IsNullOrWhiteSpace(job.TenantId) || string.IsNullOrWhiteSpace(job.ConnectorId) || !Enum.IsDefined(job.Kind))
        {
            return new ConnectorJobOutcome(ConnectorJobStatus.Rejected) { Error = "The job names no tenant or connector, or an unknown kind." };
        }

        var progress = new RunProgressWriter(_progress, job, _options.ProgressInterval, _time, _logger);
        await using (progress.ConfigureAwait(false))
        {
            try
            {
                if (job.Kind == ConnectorJobKind.Ingestion && await FindCoveringIngestionAsync(job, cancellationToken).ConfigureAwait(false) is { } covering)
                {
                    return new ConnectorJobOutcome(ConnectorJobStatus.Completed) { Run = covering };
                }

                var run = job.Kind == ConnectorJobKind.Sync
                    ? await _sync.SyncAsync(new SyncRequest(job.TenantId, job.ConnectorId) { Mode = job.Mode, ConversationIds = job.ConversationIds }, progress, cancellationToken).ConfigureAwait(false)
                    : await _ingestion.IngestAsync(job.TenantId, job.ConnectorId, progress, cancellationToken).ConfigureAwait(false);
                progress.Final(run);
                JobLog.JobRan(_logger, job.JobId, job.Kind, job.TenantId, job.ConnectorId, run.Id, run.Status);
                return Outcome(run, cancellationToken);
            }
            catch (ConnectorBusyException busy)
            {
                var kind = job.Kind == ConnectorJobKind.Ingestion ? SyncKind.Ingestion : SyncKind.Full;
                var live = await TryFindLiveLeaseAsync(job, kind).ConfigureAwait(false);
                var until = live?.Lease.ExpiresAt ?? busy.Lease?.ExpiresAt;
                progress.Final(null, until ?? _time.GetUtcNow(), live?.Run?.Id, busy.Message);
                JobLog.JobBusy(_logger, job.JobId, job.Kind, job.TenantId, job.ConnectorId, until);
                var wait = until is { } expiry ? expiry - _time.GetUtcNow() : _options.BusyRetryDelay;
                return new ConnectorJobOutcome(ConnectorJobStatus.RetryLater) { RetryAfter = Clamp(wait), Error = "Another run holds the connector's lease." };
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return new ConnectorJobOutcome(ConnectorJobStatus.RetryLater) { Error = "The worker stopped." };
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                // The services record run failures themselves; what reaches here failed before a run was recorded (a store, the token store).
                JobLog.JobFailed(_logger, exception, job.JobId, job.Kind, job.TenantId, job.ConnectorId);
                var error = exception is ConnectorStoreException or ArgumentException ? exception.Message : $"The job failed before its run was recorded ({exception.GetType().Name}); the details are in the worker's log.";
                progress.Final(null, message: error);
                return new ConnectorJobOutcome(ConnectorJobStatus.Failed) { Error = error };
            }
        }
    }

    private static ConnectorJobOutcome Outcome(SyncRun run, CancellationToken cancellationToken) => run.Status switch
    {
        SyncRunStatus.Succeeded => new ConnectorJobOutcome(ConnectorJobStatus.Completed) { Run = run },

        // Needs a person (reconnect): running the job again cannot help.
        SyncRunStatus.Expired => new ConnectorJobOutcome(ConnectorJobStatus.Completed) { Run = run, Error = run.StatusMessage },
        SyncRunStatus.Cancelled when cancellationToken.IsCancellationRequested => new ConnectorJobOutcome(ConnectorJobStatus.RetryLater) { Run = run, Error = "The worker stopped." },
        _ => new ConnectorJobOutcome(ConnectorJobStatus.Failed) { Run = run, Error = $"Run {run.Id} ended {run.Status}: {run.StatusMessage}" },
    };

    private TimeSpan Clamp(TimeSpan wait)
        => wait < TimeSpan.FromMilliseconds(100) ? TimeSpan.FromMilliseconds(100) : wait > _options.BusyRetryDelay ? _options.BusyRetryDelay : wait;

    /// <summary>A succeeded ingestion of the connector that started after the job was queued: it read every change the job asks for.</summary>
    private async Task<SyncRun?> FindCoveringIngestionAsync(ConnectorJob job, CancellationToken cancellationToken)
    {
        if (job.EnqueuedAt == default)
        {
            return null;
        }

        var after = job.EnqueuedAt + _options.CoalesceMargin;
        var runs = await _state.ListRunsAsync(job.TenantId, job.ConnectorId, 10, cancellationToken).ConfigureAwait(false);
        return runs.FirstOrDefault(r => r.Kind == SyncKind.Ingestion && r.Status == SyncRunStatus.Succeeded && r.StartedAt >= after);
    }

    private async Task<LiveLease?> TryFindLiveLeaseAsync(ConnectorJob job, SyncKind kind)
    {
        try
        {
            return await _recovery.FindLiveLeaseAsync(job.TenantId, job.ConnectorId, kind, CancellationToken.None).ConfigureAwait(false);
        }
        catch (ConnectorStoreException)
        {
            return null;
        }
    }
}
