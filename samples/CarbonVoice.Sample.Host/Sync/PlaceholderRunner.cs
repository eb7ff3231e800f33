using CarbonVoice.Sample.Host.Persistence;
using CarbonVoice.Sdk.Connector;

namespace CarbonVoice.Sample.Host.Sync;

/// <summary>Temporary runner until the connector package's sync and ingestion services land: records an empty run.</summary>
internal sealed class PlaceholderRunner(ISyncStateStore state, TimeProvider time) : IConnectorRunner
{
    public async Task<SyncRun> RunAsync(ConnectorRecord connector, SyncKind kind, IProgress<RunProgress> progress, CancellationToken cancellationToken)
    {
        var run = await state.StartRunAsync(connector.TenantId, connector.Id, kind, null, cancellationToken);
        progress.Report(new RunProgress(run.Id, "starting", null, 0, null, null));
        var final = run with { Status = SyncRunStatus.Succeeded, FinishedAt = time.GetUtcNow() };
        await state.SaveRunAsync(final, cancellationToken);
        return final;
    }
}
