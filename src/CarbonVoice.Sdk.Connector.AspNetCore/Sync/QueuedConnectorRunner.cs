
namespace CarbonVoice.Sdk.Connector.AspNetCore;

/// <summary>
/// Queue mode's <see cref="IConnectorRunner"/>: the run is a job on the queue and a worker runs it. The runner refuses at once
/// (<see cref="ConnectorBusyException"/>, a 409) while another run holds the connector's lease — the lease lives in the shared
/// store — then queues the job and reports the progress the worker writes to the store (relayed by
/// <see cref="RunProgressRelay"/>) until the run's final entry, so the coordinator answers and announces it as if it ran here.
/// A run whose worker died is read through <see cref="SyncRunRecovery"/> every few seconds: once it is interrupted its end is
/// reported (the job reappears on the queue and another worker resumes it; that run is relayed as any other).
/// </summary>
internal sealed class QueuedConnectorRunner(IConnectorJobQueue queue, RunProgressRelay relay, SyncRunRecovery recovery, TimeProvider time) : IConnectorRunner
{
    private static readonly TimeSpan RunCheckInterval = TimeSpan.FromSeconds(5);

    public async Task<SyncRun> RunAsync(ConnectorRecord connector, SyncKind kind, IReadOnlyCollection<string>? conversationIds, IProgress<RunProgress> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connector);
        ArgumentNullException.ThrowIfNull(progress);
        if (await recovery.FindLiveLeaseAsync(connector.TenantId, connector.Id, kind, cancellationToken) is { } live)
        {
            throw new ConnectorBusyException("Another run of the connector holds its lease.", live.Lease);
        }

        var now = time.GetUtcNow();
        var job = kind == SyncKind.Ingestion
            ? ConnectorJob.Ingestion(connector.TenantId, connector.Id, now)
            : ConnectorJob.Sync(connector.TenantId, connector.Id, kind == SyncKind.Full ? SyncMode.Full : SyncMode.Delta, now, conversationIds?.ToList());
        await relay.Ready.WaitAsync(cancellationToken);
        using var entries = relay.Subscribe(job.JobId);
        await queue.EnqueueAsync(job, cancellationToken: cancellationToken);

        string? runId = null;
        while (true)
        {
            using var check = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            check.CancelAfter(RunCheckInterval);
            RunProgressEntry entry;
            try
            {
                entry = await entries.Reader.ReadAsync(check.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // No news for a while: a worker that died leaves its run interrupted once its lease lapses.
                if (runId is not null && await recovery.GetRunAsync(runId, cancellationToken) is { Status: not SyncRunStatus.Running } ended)
                {
                    return ended;
                }

                continue;
            }

            if (entry.BusyUntil is { } until)
            {
                // A run started between the check and the job: refused like in-process (the worker runs the job once the lease lapses).
                throw new ConnectorBusyException("Another run of the connector holds its lease.", new SyncLease(connector.TenantId, SyncLease.KeyOf(connector.Id, kind), "another worker", until));
            }

            if (entry.RunId is { } id)
            {
                runId = id;
            }

            if (!entry.IsFinal)
            {
                if (runId is not null)
                {
                    progress.Report(new RunProgress(runId, entry.Phase, entry.EntityType, entry.Processed, null, entry.Percent, entry.Message));
                }

                continue;
            }

            if (runId is not null && await recovery.GetRunAsync(runId, cancellationToken) is { } run)
            {
                return run;
            }

            throw new InvalidOperationException(entry.Message ?? "The worker could not start the run.");
        }
    }
}
