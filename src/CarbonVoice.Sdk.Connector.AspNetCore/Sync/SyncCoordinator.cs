using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace CarbonVoice.Sdk.Connector.AspNetCore;

/// <summary>
/// The result of asking for a run: the new run's id, or the id of the one already running (null when unknown), or
/// the connector's status when that status allows no such run (a sync needs <c>connected</c>; nothing runs once
/// <c>disconnected</c>).
/// </summary>
/// <param name="StartedId">The new run's id.</param>
/// <param name="RunningId">The id of the run already running.</param>
/// <param name="RefusedStatus">The connector status that refused the run.</param>
/// <param name="TimedOut">The run was not recorded within the start timeout (the caller answers 503).</param>
/// <param name="BusyUntil">When the live lease that refused the run lapses unless renewed (a run of another process).</param>
public sealed record RunStartResult(string? StartedId, string? RunningId, string? RefusedStatus = null, bool TimedOut = false, DateTimeOffset? BusyUntil = null)
{
    /// <summary>Whether a new run started.</summary>
    public bool Started => StartedId is not null;
}

/// <summary>
/// Starts syncs and ingestions in the background, one of each per connector at a time in this process (the
/// connector's lease guards against other processes), forwards their progress to the tenant's WebSockets, moves
/// the connector to "expired" when its token can no longer be refreshed, and ingests after a successful sync.
/// </summary>
internal sealed class SyncCoordinator(
    IConnectorRunner runner,
    ISyncStateStore state,
    SyncRunRecovery recovery,
    IConnectorRepository connectors,
    ProgressHub hub,
    IOptions<CarbonVoiceConnectorEndpointsOptions> options,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<SyncCoordinator> logger,
    HostRunMode? mode = null) : IConnectorRunCoordinator
{
    private readonly ConcurrentDictionary<string, Job> _jobs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, PendingDelta> _pendingDeltas = new(StringComparer.Ordinal);
    private int _executions;

    /// <summary>
    /// How many runs of this process have not finished, their follow-ups included (a run ends only after it started the
    /// delta or ingestion that follows it): zero means nothing runs and nothing is about to. For tests and diagnostics.
    /// </summary>
    internal int Executions => Volatile.Read(ref _executions);

    /// <summary>Starts a sync unless one is running.</summary>
    public Task<RunStartResult> StartSyncAsync(ConnectorRecord connector, SyncKind kind, CancellationToken cancellationToken = default)
        => StartAsync(connector, kind, fromPending: false, cancellationToken);

    /// <summary>Starts an ingestion unless one is running.</summary>
    public Task<RunStartResult> StartIngestionAsync(ConnectorRecord connector, CancellationToken cancellationToken = default)
        => StartAsync(connector, SyncKind.Ingestion, fromPending: false, cancellationToken);

    /// <summary>
    /// Webhook path: a delta sync of one conversation (or of everything when <paramref name="conversationId"/> is null)
    /// now, or right after the running sync (in queue mode: a delta job, which a worker runs once the lease is free). The request is recorded as pending first and then a start is tried, so a
    /// sync that ends meanwhile picks it up; requests that pile up during a run are merged into one follow-up delta.
    /// </summary>
    /// <param name="connector">The connector.</param>
    /// <param name="conversationId">The conversation (channel id) of the message the webhook is about, if known.</param>
    /// <param name="cancellationToken">Cancels the wait for the start.</param>
    public async Task RequestDeltaAsync(ConnectorRecord connector, string? conversationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connector);
        if (mode?.Jobs is { } jobs)
        {
            // Queue mode: one delta job; a worker runs it once no other run holds the connector's lease (it waits, it is not dropped).
            await jobs.EnqueueAsync(ConnectorJob.Sync(connector.TenantId, connector.Id, SyncMode.Delta, time.GetUtcNow(), conversationId is null ? null : [conversationId]) with { CorrelationId = "webhook" }, cancellationToken: cancellationToken);
            return;
        }

        _pendingDeltas.AddOrUpdate(connector.Id, _ => PendingDelta.Of(conversationId), (_, existing) => existing.With(conversationId));
        await StartAsync(connector, SyncKind.Delta, fromPending: true, cancellationToken);
    }

    /// <summary>Waits until the runs of this process have stopped and recorded their end (at shutdown their tokens are already cancelled).</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    public async Task WhenIdleAsync(CancellationToken cancellationToken)
        => await Task.WhenAll(_jobs.Values.Select(job => job.Completion)).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

    /// <summary>Cancels the connector's runs and waits for them to stop.</summary>
    public async Task CancelAsync(string connectorId, CancellationToken cancellationToken = default)
    {
        _pendingDeltas.TryRemove(connectorId, out _);
        foreach (var kind in new[] { SyncKind.Full, SyncKind.Ingestion })
        {
            if (_jobs.TryGetValue(Key(connectorId, kind), out var job))
            {
                job.Cancel();
                await job.Completion.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task<RunStartResult> StartAsync(ConnectorRecord connector, SyncKind kind, bool fromPending, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connector);
        var key = Key(connector.Id, kind);
        var job = new Job(lifetime.ApplicationStopping) { TenantId = connector.TenantId, ConnectorId = connector.Id, Kind = kind };
        if (!_jobs.TryAdd(key, job))
        {
            job.Dispose();
            if (!_jobs.TryGetValue(key, out var running))
            {
                return new RunStartResult(null, null);
            }

            var (known, runningId) = await WaitForRunIdAsync(running, cancellationToken);
            if (runningId is not null && !fromPending && await HasEndedAsync(running, runningId, cancellationToken))
            {
                // That run had already ended and its job was only recording the end: this start goes ahead.
                return await StartAsync(connector, kind, fromPending, cancellationToken);
            }

            return new RunStartResult(null, runningId, TimedOut: !known);
        }

        // Checked after the job is registered: a disconnect sets the status first and then cancels the registered
        // jobs, so a start racing with it either sees "disconnected" here or is cancelled by it.
        ConnectorRecord? current;
        try
        {
            current = await connectors.GetByIdAsync(connector.Id, cancellationToken);
        }
        catch
        {
            Unregister(key, job);
            throw;
        }

        if (current is null || !CanRun(current.Status, kind))
        {
            Unregister(key, job);
            if (fromPending)
            {
                _pendingDeltas.TryRemove(connector.Id, out _); // nothing will run it: drop it
            }

            return new RunStartResult(null, null, current?.Status ?? ConnectorStatuses.Disconnected);
        }

        if (fromPending)
        {
            // This run takes over what is pending; when another start took it already, there is nothing left to do.
            if (!_pendingDeltas.TryRemove(connector.Id, out var pending))
            {
                Unregister(key, job);
                return new RunStartResult(null, null);
            }

            job.ConversationIds = pending.Conversations;
        }

        connector = current;
        Interlocked.Increment(ref _executions);
        job.Completion = Task.Run(
            async () =>
            {
                try
                {
                    await ExecuteAsync(connector, kind, job);
                }
                finally
                {
                    Interlocked.Decrement(ref _executions);
                }
            },
            CancellationToken.None);
        var (recorded, runId) = await WaitForRunIdAsync(job, cancellationToken);
        if (!recorded)
        {
            // Still starting (a slow store or Carbon Voice): it goes on in the background; the caller answers 503.
            logger.RunNotRecorded(kind, connector.Id, options.Value.RunStartTimeout);
            return new RunStartResult(null, null, TimedOut: true);
        }

        if (runId is not null)
        {
            return new RunStartResult(runId, null);
        }

        // The runner refused to start: another process holds the lease, the store failed, or the token is gone.
        switch (job.Failure)
        {
            case ConnectorBusyException or null:
                // Only a run whose lease is still live is named (a dead run's lease lapses within the lease duration).
                var live = await recovery.FindLiveLeaseAsync(connector.TenantId, connector.Id, kind, cancellationToken);
                return new RunStartResult(null, live?.Run?.Id, BusyUntil: live?.Lease.ExpiresAt);
            case CarbonVoiceTokenExpiredException:
            case { } when StoreFailure.TryFrom(job.Failure, out _):
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(job.Failure); // 409 / 503 by the exception handler
                return default!;
            default:
                throw new InvalidOperationException("The run could not start.", job.Failure);
        }
    }

    private async Task<(bool Known, string? RunId)> WaitForRunIdAsync(Job job, CancellationToken cancellationToken)
    {
        try
        {
            return (true, await job.RunId.Task.WaitAsync(options.Value.RunStartTimeout, time, cancellationToken));
        }
        catch (TimeoutException)
        {
            return (false, null);
        }
    }

    /// <summary>
    /// Whether a registered job's run is recorded as ended (not running) and the job has then let go of its key, within
    /// <see cref="CarbonVoiceConnectorEndpointsOptions.RunStartTimeout"/>: between the two it only records the end.
    /// </summary>
    private async Task<bool> HasEndedAsync(Job running, string runId, CancellationToken cancellationToken)
    {
        if (await state.GetRunAsync(runId, cancellationToken) is not { Status: not SyncRunStatus.Running })
        {
            return false;
        }

        try
        {
            await running.Ended.Task.WaitAsync(options.Value.RunStartTimeout, time, cancellationToken);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private static bool CanRun(string status, SyncKind kind)
        => kind == SyncKind.Ingestion ? status != ConnectorStatuses.Disconnected : status == ConnectorStatuses.Connected;

    private void Unregister(string key, Job job)
    {
        _jobs.TryRemove(new KeyValuePair<string, Job>(key, job));
        job.RunId.TrySetResult(null);
        job.Ended.TrySetResult();
        job.Dispose();
    }

    private async Task ExecuteAsync(ConnectorRecord connector, SyncKind kind, Job job)
    {
        var type = kind == SyncKind.Ingestion ? "ingest_progress" : "sync_progress";
        var progress = new ProgressForwarder(this, connector, type, job);
        SyncRun? final = null;
        try
        {
            final = await runner.RunAsync(connector, kind, job.ConversationIds, progress, job.Token);
            job.RunId.TrySetResult(final.Id);
        }
        catch (OperationCanceledException) when (job.Token.IsCancellationRequested)
        {
            final = await CloseAsync(job, SyncRunStatus.Cancelled, "Cancelled.");
        }
        catch (CarbonVoiceTokenExpiredException exception)
        {
            job.Failure = exception;
            final = await CloseAsync(job, SyncRunStatus.Expired, "The Carbon Voice token can no longer be refreshed; reconnect.");

            // The token is gone whatever the run record says: no run, or one already marked interrupted (its runner
            // released the lease before throwing and a read got there first). An expired record is marked by RecordEndAsync.
            if (final?.Status != SyncRunStatus.Expired)
            {
                await MarkExpiredAsync(connector, final?.Id, "The Carbon Voice token can no longer be refreshed; reconnect.");
            }
        }
#pragma warning disable CA1031 // a failed run is recorded, never thrown into the void
        catch (Exception exception)
#pragma warning restore CA1031
        {
            job.Failure = exception;
            if (exception is not ConnectorBusyException)
            {
                logger.RunFailed(exception, kind, connector.Id);
            }

            // The run record is shown to the tenant: a store failure is described, never quoted.
            final = await CloseAsync(job, SyncRunStatus.Failed, StoreFailure.SafeMessage(exception));
        }
        finally
        {
            job.RunId.TrySetResult(null);
            try
            {
                // Recorded while the job is still registered (a start that finds a job whose run has ended waits for it):
                // the next run's request already sees this one's end.
                if (final is not null)
                {
                    await RecordEndAsync(connector, final);
                }
            }
            finally
            {
                _jobs.TryRemove(Key(connector.Id, kind), out _);
                job.Ended.TrySetResult();
                job.Dispose();
            }
        }

        if (final is not null)
        {
            await FinishAsync(connector, final, type);
        }

        // Whatever the end (succeeded, failed, cancelled, expired, or not started at all), a delta requested meanwhile
        // is started now or dropped (when the connector can no longer sync): the pending request never lingers.
        if (kind != SyncKind.Ingestion && _pendingDeltas.ContainsKey(connector.Id))
        {
            await StartQuietlyAsync(connector, SyncKind.Delta, fromPending: true);
        }
    }

    /// <summary>
    /// Saves the end of a run the runner could not finish itself. Never throws: the save is retried with backoff (on the
    /// TimeProvider, bounded); when the store keeps failing, the returned record says interrupted — what the stored run
    /// becomes once its lease lapses — so the terminal progress message is sent all the same.
    /// </summary>
    private async Task<SyncRun?> CloseAsync(Job job, SyncRunStatus status, string message)
    {
        if (!job.RunId.Task.IsCompletedSuccessfully || await job.RunId.Task is not { } runId)
        {
            return null;
        }

        for (var attempt = 0; ; attempt++)
        {
            try
            {
                if (await state.GetRunAsync(runId, CancellationToken.None) is not { } run)
                {
                    return null;
                }

                if (run.Status != SyncRunStatus.Running)
                {
                    return run;
                }

                var closed = run with { Status = status, StatusMessage = message, FinishedAt = time.GetUtcNow() };
                await state.SaveRunAsync(closed, CancellationToken.None);
                return closed;
            }
#pragma warning disable CA1031 // the end of a run is always reported
            catch (Exception exception)
#pragma warning restore CA1031
            {
                if (attempt >= CloseRetryDelays.Length)
                {
                    logger.RunEndLost(exception, runId);
                    return new SyncRun
                    {
                        Id = runId,
                        TenantId = job.TenantId,
                        ConnectorId = job.ConnectorId,
                        Kind = job.Kind,
                        Status = SyncRunStatus.Interrupted,
                        FinishedAt = time.GetUtcNow(),
                        StatusMessage = $"The run ended ({RunStatuses.Of(status)}) but its end could not be recorded: {StoreFailure.SafeMessage(exception)} It shows as interrupted once its lease lapses; the next run resumes it.",
                    };
                }

                logger.RunEndRetry(exception, runId, attempt + 1);
                await Task.Delay(CloseRetryDelays[attempt], time, CancellationToken.None);
            }
        }
    }

    /// <summary>The waits between attempts to record a run's end: five attempts over 7.5 seconds.</summary>
    internal static readonly TimeSpan[] CloseRetryDelays = [TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)];

    /// <summary>Records a run's end on the connector (its last sync; expired when the token is gone). Never throws.</summary>
    private async Task RecordEndAsync(ConnectorRecord connector, SyncRun final)
    {
        try
        {
            if (final.Kind != SyncKind.Ingestion)
            {
                await connectors.SetLastSyncAsync(connector.Id, final.Id, final.FinishedAt ?? time.GetUtcNow(), CancellationToken.None);
            }

            if (final.Status == SyncRunStatus.Expired)
            {
                await MarkExpiredAsync(connector, final.Id, final.StatusMessage ?? "The Carbon Voice token expired; reconnect.");
            }
        }
#pragma warning disable CA1031
        catch (Exception exception)
#pragma warning restore CA1031
        {
            logger.RunEndFailed(exception, final.Id);
        }
    }

    /// <summary>Tells the tenant the run ended, then starts the ingestion a succeeded sync calls for.</summary>
    private async Task FinishAsync(ConnectorRecord connector, SyncRun final, string type)
    {
        // Records only: an ingestion also counts its chunks under their own key, which are not records processed.
        var processed = RunCounts.Records(final).Sum(c => c.Fetched);
        hub.Publish(connector.TenantId, new ProgressMessage(
            type, connector.Id, final.Id, RunStatuses.Of(final.Status), "completed", null, processed, processed,
            final.Status == SyncRunStatus.Succeeded ? 100 : null, final.StatusMessage, time.GetUtcNow()));

        // In queue mode the worker's sync queued its ingestion itself.
        if (final.Kind != SyncKind.Ingestion && final.Status == SyncRunStatus.Succeeded && options.Value.IngestAfterSync && mode?.IsQueued != true)
        {
            await StartQuietlyAsync(connector, SyncKind.Ingestion, fromPending: false);
        }
    }

    private async Task StartQuietlyAsync(ConnectorRecord connector, SyncKind kind, bool fromPending)
    {
        try
        {
            await StartAsync(connector, kind, fromPending, CancellationToken.None);
        }
#pragma warning disable CA1031
        catch (Exception exception)
#pragma warning restore CA1031
        {
            logger.FollowUpFailed(exception, kind, connector.Id);
        }
    }

    private async Task MarkExpiredAsync(ConnectorRecord connector, string? runId, string message)
    {
        // Only connected → expired: a connector disconnected meanwhile stays disconnected.
        if (!await connectors.TransitionStatusAsync(connector.Id, [ConnectorStatuses.Connected], ConnectorStatuses.Expired, message, CancellationToken.None))
        {
            return;
        }

        hub.Publish(connector.TenantId, ProgressMessage.ConnectorExpired(connector.Id, runId, message, time.GetUtcNow()));
    }

    private DateTimeOffset Now => time.GetUtcNow();

    private void Publish(string tenantId, ProgressMessage message) => hub.Publish(tenantId, message);

    private static string Key(string connectorId, SyncKind kind) => connectorId + (kind == SyncKind.Ingestion ? ":ingest" : ":sync");

    /// <summary>A delta requested while a sync ran: some conversations, or all of them (null).</summary>
    private sealed record PendingDelta(System.Collections.Immutable.ImmutableHashSet<string>? Conversations)
    {
        public static PendingDelta Of(string? conversationId)
            => new(conversationId is null ? null : [conversationId]);

        public PendingDelta With(string? conversationId)
            => Conversations is null || conversationId is null ? new PendingDelta((System.Collections.Immutable.ImmutableHashSet<string>?)null) : new PendingDelta(Conversations.Add(conversationId));
    }

    private sealed class Job(CancellationToken stopping) : IDisposable
    {
        private readonly CancellationTokenSource _cancellation = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        private int _disposed;

        public TaskCompletionSource<string?> RunId { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Set once the job has let go of its key (its end is recorded on the connector by then).</summary>
        public TaskCompletionSource Ended { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Completion { get; set; } = Task.CompletedTask;

        public Exception? Failure { get; set; }

        public required string TenantId { get; init; }

        public required string ConnectorId { get; init; }

        public required SyncKind Kind { get; init; }

        /// <summary>The conversations a delta is limited to (null: all).</summary>
        public IReadOnlyCollection<string>? ConversationIds { get; set; }

        public CancellationToken Token => _cancellation.Token;

        public void Cancel()
        {
            if (Volatile.Read(ref _disposed) == 0)
            {
                try
                {
                    _cancellation.Cancel();
                }
                catch (ObjectDisposedException)
                {
                }
            }
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                _cancellation.Dispose();
            }
        }
    }

    /// <summary>Turns runner progress into WebSocket messages of the connector's tenant; the first report names the run.</summary>
    private sealed class ProgressForwarder(SyncCoordinator owner, ConnectorRecord connector, string type, Job job) : IProgress<RunProgress>
    {
        public void Report(RunProgress value)
        {
            job.RunId.TrySetResult(value.RunId);
            var percent = value.Percent ?? (value.Total is > 0 ? 100.0 * value.Processed / value.Total.Value : null);
            owner.Publish(connector.TenantId, new ProgressMessage(
                type, connector.Id, value.RunId, "running", value.Phase, value.Entity, value.Processed, value.Total,
                percent is null ? null : Math.Min(99.9, percent.Value), value.Message, owner.Now));
        }
    }
}
