using CarbonVoice.Sample.Host.Persistence;
using CarbonVoice.Sdk.Connector;

namespace CarbonVoice.Sample.Host.Sync;

/// <summary>Temporary runner until the connector package's sync and ingestion services land.</summary>
internal sealed class PlaceholderRunner(TimeProvider time) : IConnectorRunner
{
    public Task<SyncRun> RunAsync(ConnectorRecord connector, SyncRun run, string? conversationId, IProgress<RunProgress> progress, CancellationToken cancellationToken)
        => Task.FromResult(run with { Status = SyncRunStatus.Succeeded, FinishedAt = time.GetUtcNow() });
}
