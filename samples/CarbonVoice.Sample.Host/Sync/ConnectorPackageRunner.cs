using CarbonVoice.Sample.Host.Persistence;
using CarbonVoice.Sdk.Connector;

namespace CarbonVoice.Sample.Host.Sync;

/// <summary>Runs syncs and ingestions with the connector package's services.</summary>
internal sealed class ConnectorPackageRunner(
    ICarbonVoiceSyncService sync,
    ICarbonVoiceIngestionService ingestion,
    ISyncStateStore state,
    TimeProvider time) : IConnectorRunner
{
    private static readonly TimeSpan IngestionPollInterval = TimeSpan.FromMilliseconds(100);

    public Task<SyncRun> RunAsync(ConnectorRecord connector, SyncKind kind, IProgress<RunProgress> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connector);
        return kind == SyncKind.Ingestion
            ? IngestAsync(connector, progress, cancellationToken)
            : sync.SyncAsync(
                new SyncRequest(connector.TenantId, connector.Id)
                {
                    Mode = kind == SyncKind.Full ? SyncMode.Full : SyncMode.Delta,
                    EnabledEntities = connector.EnabledEntities.ToHashSet(StringComparer.Ordinal),
                },
                new SyncProgressAdapter(progress),
                cancellationToken);
    }

    /// <summary>
    /// The ingestion service reports no progress and returns its run only at the end, so the run is found in the
    /// sync log as soon as the service has recorded it, and its saved counts are reported while it runs.
    /// </summary>
    private async Task<SyncRun> IngestAsync(ConnectorRecord connector, IProgress<RunProgress> progress, CancellationToken cancellationToken)
    {
        var startedAfter = time.GetUtcNow() - TimeSpan.FromSeconds(1);
        var known = (await state.ListRunsAsync(connector.TenantId, connector.Id, 50, cancellationToken)).Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var work = ingestion.IngestAsync(connector.TenantId, connector.Id, cancellationToken);
        string? runId = null;
        long lastReported = -1;
        while (!work.IsCompleted)
        {
            if (runId is null)
            {
                runId = (await state.ListRunsAsync(connector.TenantId, connector.Id, 10, cancellationToken))
                    .FirstOrDefault(r => r.Kind == SyncKind.Ingestion && r.Status == SyncRunStatus.Running && !known.Contains(r.Id) && r.StartedAt >= startedAfter)?.Id;
            }

            if (runId is not null && await state.GetRunAsync(runId, cancellationToken) is { } run)
            {
                var processed = run.Counts.Values.Sum(c => c.Fetched);
                if (processed != lastReported)
                {
                    lastReported = processed;
                    progress.Report(new RunProgress(runId, "chunking", null, processed, null, null));
                }
            }

            await Task.WhenAny(work, Task.Delay(IngestionPollInterval, time, cancellationToken));
        }

        var final = await work;
        if (runId is null)
        {
            progress.Report(new RunProgress(final.Id, "chunking", null, final.Counts.Values.Sum(c => c.Fetched), null, null));
        }

        return final;
    }

    /// <summary>Forwards sync events synchronously (the sync calls it in order; it must stay fast).</summary>
    private sealed class SyncProgressAdapter(IProgress<RunProgress> target) : IProgress<SyncProgress>
    {
        public void Report(SyncProgress value)
        {
            if (value.Phase == SyncPhase.Completed)
            {
                return; // the coordinator reports the end from the final run record
            }

            target.Report(new RunProgress(
                value.RunId,
                value.Phase.ToString().ToLowerInvariant(),
                value.EntityType,
                value.Counts.Values.Sum(c => c.Fetched),
                null,
                value.Percent,
                value.Error?.Message ?? value.Message));
        }
    }
}
