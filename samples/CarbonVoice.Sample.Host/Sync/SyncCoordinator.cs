using System.Collections.Concurrent;
using CarbonVoice.Sample.Host.Persistence;
using CarbonVoice.Sample.Host.Progress;
using CarbonVoice.Sdk;
using CarbonVoice.Sdk.Connector;

namespace CarbonVoice.Sample.Host.Sync;

/// <summary>The result of asking for a run: the new run, or the id of the one already running.</summary>
public sealed record RunStartResult(SyncRun? Started, string? RunningId);

/// <summary>
/// Starts syncs and ingestions in the background, one of each per connector at a time (the connector's lease
/// also guards against other processes), forwards their progress to the tenant's WebSockets and moves the
/// connector to "expired" when its token can no longer be refreshed.
/// </summary>
public sealed class SyncCoordinator(
    IConnectorRunner runner,
    ISyncStateStore state,
    ConnectorRepository connectors,
    ProgressHub hub,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<SyncCoordinator> logger)
{
    private readonly ConcurrentDictionary<string, Job> _jobs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string?> _pendingDeltas = new(StringComparer.Ordinal);

    /// <summary>The id of the sync running for a connector, or null.</summary>
    public string? RunningSyncId(string connectorId)
        => _jobs.TryGetValue(Key(connectorId, SyncKind.Full), out var job) && job.RunId.Task.IsCompletedSuccessfully ? job.RunId.Task.Result : null;

    /// <summary>Starts a sync unless one is running.</summary>
    public Task<RunStartResult> StartSyncAsync(ConnectorRecord connector, SyncKind kind, string? conversationId = null, CancellationToken cancellationToken = default)
        => StartAsync(connector, kind, conversationId, cancellationToken);

    /// <summary>Starts an ingestion unless one is running.</summary>
    public Task<RunStartResult> StartIngestionAsync(ConnectorRecord connector, CancellationToken cancellationToken = default)
        => StartAsync(connector, SyncKind.Ingestion, null, cancellationToken);

    /// <summary>Webhook path: a delta sync now, or right after the running one.</summary>
    public async Task RequestDeltaAsync(ConnectorRecord connector, string? conversationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connector);
        var result = await StartAsync(connector, SyncKind.Delta, conversationId, cancellationToken);
        if (result.Started is null)
        {
            _pendingDeltas[connector.Id] = conversationId;
        }
    }

    /// <summary>Cancels the connector's runs and waits for them to stop.</summary>
    public async Task CancelAsync(string connectorId)
    {
        _pendingDeltas.TryRemove(connectorId, out _);
        foreach (var kind in new[] { SyncKind.Full, SyncKind.Ingestion })
        {
            if (_jobs.TryGetValue(Key(connectorId, kind), out var job))
            {
                try
                {
                    await job.Cancellation.CancelAsync();
                }
                catch (ObjectDisposedException)
                {
                    // It finished meanwhile.
                }

                await job.Completion.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task<RunStartResult> StartAsync(ConnectorRecord connector, SyncKind kind, string? conversationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connector);
        var key = Key(connector.Id, kind);
        var job = new Job(CancellationTokenSource.CreateLinkedTokenSource(lifetime.ApplicationStopping));
        if (!_jobs.TryAdd(key, job))
        {
            job.Cancellation.Dispose();
            return new RunStartResult(null, _jobs.TryGetValue(key, out var running) ? await running.RunId.Task : null);
        }

        SyncRun run;
        try
        {
            run = await state.StartRunAsync(connector.TenantId, connector.Id, kind, kind == SyncKind.Ingestion ? null : time.GetUtcNow(), cancellationToken);
        }
        catch
        {
            _jobs.TryRemove(key, out _);
            job.RunId.TrySetResult(null);
            job.Cancellation.Dispose();
            throw;
        }

        job.RunId.TrySetResult(run.Id);
        job.Completion = Task.Run(() => ExecuteAsync(connector, run, conversationId, job), CancellationToken.None);
        return new RunStartResult(run, null);
    }

    private async Task ExecuteAsync(ConnectorRecord connector, SyncRun run, string? conversationId, Job job)
    {
        var type = run.Kind == SyncKind.Ingestion ? "ingest_progress" : "sync_progress";
        var progress = new Progress(this, connector, run, type);
        progress.Report(new RunProgress(null, null, 0, null, null));
        SyncRun final;
        try
        {
            final = await runner.RunAsync(connector, run, conversationId, progress, job.Cancellation.Token);
        }
        catch (CarbonVoiceTokenExpiredException)
        {
            final = run with { Status = SyncRunStatus.Expired, FinishedAt = time.GetUtcNow(), StatusMessage = "The Carbon Voice token can no longer be refreshed; reconnect." };
        }
        catch (OperationCanceledException) when (job.Cancellation.IsCancellationRequested)
        {
            final = run with { Status = SyncRunStatus.Cancelled, FinishedAt = time.GetUtcNow(), StatusMessage = "Cancelled." };
        }
#pragma warning disable CA1031 // a failed run is recorded, never thrown into the void
        catch (Exception exception)
#pragma warning restore CA1031
        {
            logger.LogError(exception, "Run {RunId} of connector {ConnectorId} failed.", run.Id, connector.Id);
            final = run with { Status = SyncRunStatus.Failed, FinishedAt = time.GetUtcNow(), StatusMessage = exception.Message };
        }

        await FinishAsync(connector, final, type);
        _jobs.TryRemove(Key(connector.Id, run.Kind), out _);
        job.Cancellation.Dispose();
        if (run.Kind != SyncKind.Ingestion && final.Status == SyncRunStatus.Succeeded && _pendingDeltas.TryRemove(connector.Id, out var pending))
        {
            await StartAsync(connector, SyncKind.Delta, pending, CancellationToken.None);
        }
    }

    private async Task FinishAsync(ConnectorRecord connector, SyncRun final, string type)
    {
        try
        {
            if (await state.GetRunAsync(final.Id, CancellationToken.None) is { Status: SyncRunStatus.Running })
            {
                await state.SaveRunAsync(final.FinishedAt is null ? final with { FinishedAt = time.GetUtcNow() } : final, CancellationToken.None);
            }

            if (final.Kind != SyncKind.Ingestion)
            {
                await connectors.SetLastSyncAsync(connector.Id, final.Id, final.FinishedAt ?? time.GetUtcNow(), CancellationToken.None);
            }

            if (final.Status == SyncRunStatus.Expired)
            {
                await connectors.SetStatusAsync(connector.Id, ConnectorStatuses.Expired, final.StatusMessage ?? "The Carbon Voice token expired; reconnect.", CancellationToken.None);
                hub.Publish(connector.TenantId, new ProgressMessage("connector_status", connector.Id, final.Id, ConnectorStatuses.Expired, null, null, 0, null, null, final.StatusMessage, time.GetUtcNow()));
            }
        }
#pragma warning disable CA1031
        catch (Exception exception)
#pragma warning restore CA1031
        {
            logger.LogError(exception, "Could not record the end of run {RunId}.", final.Id);
        }

        var processed = final.Counts.Values.Sum(c => c.Fetched);
        hub.Publish(connector.TenantId, new ProgressMessage(
            type, connector.Id, final.Id, RunStatuses.Of(final.Status), "finished", null, processed, processed,
            final.Status == SyncRunStatus.Succeeded ? 100 : null, final.StatusMessage, time.GetUtcNow()));
    }

    private DateTimeOffset Now => time.GetUtcNow();

    private void Publish(string tenantId, ProgressMessage message) => hub.Publish(tenantId, message);

    private static string Key(string connectorId, SyncKind kind) => connectorId + (kind == SyncKind.Ingestion ? ":ingest" : ":sync");

    private sealed class Job(CancellationTokenSource cancellation)
    {
        public CancellationTokenSource Cancellation { get; } = cancellation;

        public TaskCompletionSource<string?> RunId { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Completion { get; set; } = Task.CompletedTask;
    }

    /// <summary>Turns runner progress into WebSocket messages of the connector's tenant.</summary>
    private sealed class Progress(SyncCoordinator owner, ConnectorRecord connector, SyncRun run, string type) : IProgress<RunProgress>
    {
        public void Report(RunProgress value)
        {
            var percent = value.Percent ?? (value.Total is > 0 ? Math.Min(99.9, 100.0 * value.Processed / value.Total.Value) : null);
            owner.Publish(connector.TenantId, new ProgressMessage(
                type, connector.Id, run.Id, "running", value.Phase, value.Entity, value.Processed, value.Total, percent, value.Message, owner.Now));
        }
    }
}

/// <summary>A progress report of a runner.</summary>
public sealed record RunProgress(string? Phase, string? Entity, long Processed, long? Total, double? Percent, string? Message = null);

/// <summary>Runs one sync or ingestion (over the connector package) for a run already recorded as running.</summary>
public interface IConnectorRunner
{
    /// <summary>Runs to the end and returns the final run record.</summary>
    Task<SyncRun> RunAsync(ConnectorRecord connector, SyncRun run, string? conversationId, IProgress<RunProgress> progress, CancellationToken cancellationToken);
}

/// <summary>The API's names of run statuses.</summary>
public static class RunStatuses
{
    public static string Of(SyncRunStatus status) => status switch
    {
        SyncRunStatus.Running => "running",
        SyncRunStatus.Succeeded => "succeeded",
        SyncRunStatus.Failed => "failed",
        SyncRunStatus.Cancelled => "cancelled",
        SyncRunStatus.Expired => "expired",
        _ => status.ToString().ToLowerInvariant(),
    };
}
