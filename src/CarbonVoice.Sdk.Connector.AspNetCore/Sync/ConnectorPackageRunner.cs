
namespace CarbonVoice.Sdk.Connector.AspNetCore;

/// <summary>Runs syncs and ingestions with the connector package's services, forwarding their progress events.</summary>
internal sealed class ConnectorPackageRunner(ICarbonVoiceSyncService sync, ICarbonVoiceIngestionService ingestion) : IConnectorRunner
{
    public Task<SyncRun> RunAsync(ConnectorRecord connector, SyncKind kind, IReadOnlyCollection<string>? conversationIds, IProgress<RunProgress> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connector);
        return kind == SyncKind.Ingestion
            ? ingestion.IngestAsync(connector.TenantId, connector.Id, new IngestionProgressAdapter(progress), cancellationToken)
            : sync.SyncAsync(
                new SyncRequest(connector.TenantId, connector.Id)
                {
                    Mode = kind == SyncKind.Full ? SyncMode.Full : SyncMode.Delta,
                    EnabledEntities = connector.EnabledEntities.ToHashSet(StringComparer.Ordinal),
                    ConversationIds = conversationIds is { Count: > 0 } ? conversationIds : null,
                },
                new SyncProgressAdapter(progress),
                cancellationToken);
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

    /// <summary>Forwards ingestion events as they happen (the first, <c>starting</c>, names the run).</summary>
    internal sealed class IngestionProgressAdapter(IProgress<RunProgress> target) : IProgress<IngestionProgress>
    {
        public void Report(IngestionProgress value)
        {
            ArgumentNullException.ThrowIfNull(value);
            if (value.Phase == IngestionPhase.Completed)
            {
                return; // the coordinator reports the end from the final run record
            }

            target.Report(new RunProgress(
                value.RunId,
                value.Phase == IngestionPhase.Conversations ? "chunking" : value.Phase.ToString().ToLowerInvariant(),
                null,
                value.RecordsRead,
                null,
                value.Percent,
                value.Message ?? $"{value.ChunksWritten} chunks written, {value.ChunksDeleted} deleted"));
        }
    }
}
