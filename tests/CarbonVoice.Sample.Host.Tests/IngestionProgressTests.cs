using CarbonVoice.Sdk.Connector.AspNetCore;
using CarbonVoice.Sdk.Connector;

namespace CarbonVoice.Sample.Host.Tests;

/// <summary>The runner forwards the ingestion service's progress events as they happen (no polling of the sync log).</summary>
public sealed class IngestionProgressTests
{
    [Fact]
    public async Task Ingestion_progress_events_are_forwarded_in_order_and_the_completed_one_is_left_to_the_coordinator()
    {
        var runner = new ConnectorPackageRunner(new UnusedSync(), new ReportingIngestion());
        var reports = new List<RunProgress>();
        var connector = new ConnectorRecord { Id = "c1", TenantId = "t1", CompanyId = "acme", Name = "n", Status = ConnectorStatuses.Connected, EnabledEntities = ["message"] };

        var final = await runner.RunAsync(connector, SyncKind.Ingestion, null, new InlineProgress(reports.Add), CancellationToken.None);

        Assert.Equal("run-1", final.Id);
        Assert.Equal(["starting", "reading", "chunking"], reports.Select(r => r.Phase));
        Assert.All(reports, r => Assert.Equal("run-1", r.RunId));
        Assert.Equal([0L, 7L, 7L], reports.Select(r => r.Processed));
        Assert.Equal(50, reports[2].Percent);
    }

    private sealed class InlineProgress(Action<RunProgress> report) : IProgress<RunProgress>
    {
        public void Report(RunProgress value) => report(value);
    }

    private sealed class ReportingIngestion : ICarbonVoiceIngestionService
    {
        public Task<SyncRun> IngestAsync(string tenantId, string connectorId, CancellationToken cancellationToken)
            => IngestAsync(tenantId, connectorId, null, cancellationToken);

        public Task<SyncRun> IngestAsync(string tenantId, string connectorId, IProgress<IngestionProgress>? progress = null, CancellationToken cancellationToken = default)
        {
            progress?.Report(new IngestionProgress("run-1", IngestionPhase.Starting));
            progress?.Report(new IngestionProgress("run-1", IngestionPhase.Reading) { RecordsRead = 7 });
            progress?.Report(new IngestionProgress("run-1", IngestionPhase.Conversations) { RecordsRead = 7, ChunksWritten = 3, Percent = 50 });
            progress?.Report(new IngestionProgress("run-1", IngestionPhase.Completed) { RecordsRead = 7, ChunksWritten = 5, Percent = 100, Status = SyncRunStatus.Succeeded });
            return Task.FromResult(new SyncRun { Id = "run-1", TenantId = tenantId, ConnectorId = connectorId, Kind = SyncKind.Ingestion, Status = SyncRunStatus.Succeeded });
        }
    }

    private sealed class UnusedSync : ICarbonVoiceSyncService
    {
        public Task<SyncRun> SyncAsync(Sdk.ICarbonVoiceClient client, SyncRequest request, IProgress<SyncProgress>? progress = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<SyncRun> SyncAsync(SyncRequest request, IProgress<SyncProgress>? progress = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlySet<string>> GetEnabledEntitiesAsync(string tenantId, string connectorId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task SetEnabledEntitiesAsync(string tenantId, string connectorId, IEnumerable<string> entityKeys, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
