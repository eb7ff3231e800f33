
namespace CarbonVoice.Sdk.Connector.AspNetCore;

/// <summary>A progress report of a runner; the first one names the run it created.</summary>
internal sealed record RunProgress(string RunId, string? Phase, string? Entity, long Processed, long? Total, double? Percent, string? Message = null);

/// <summary>
/// Runs one sync or ingestion of a connector to its end. The runner records the run in the sync log itself (as the
/// connector package's services do) and reports its id with its first progress report.
/// </summary>
internal interface IConnectorRunner
{
    /// <summary>Runs a sync (<see cref="SyncKind.Full"/> or <see cref="SyncKind.Delta"/>) or an ingestion (<see cref="SyncKind.Ingestion"/>).</summary>
    /// <param name="connector">The connector.</param>
    /// <param name="kind">The kind of run.</param>
    /// <param name="conversationIds">A sync limited to these conversations (a webhook's delta); null for all.</param>
    /// <param name="progress">Receives progress; the first report names the run.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The final run record.</returns>
    /// <exception cref="ConnectorBusyException">Another process runs the connector.</exception>
    Task<SyncRun> RunAsync(ConnectorRecord connector, SyncKind kind, IReadOnlyCollection<string>? conversationIds, IProgress<RunProgress> progress, CancellationToken cancellationToken);
}

/// <summary>The API's names of run statuses.</summary>
public static class RunStatuses
{
    /// <summary>The API name of a run status.</summary>
    public static string Of(SyncRunStatus status) => status switch
    {
        SyncRunStatus.Running => "running",
        SyncRunStatus.Succeeded => "succeeded",
        SyncRunStatus.Failed => "failed",
        SyncRunStatus.Cancelled => "cancelled",
        SyncRunStatus.Expired => "expired",
        SyncRunStatus.Interrupted => "interrupted",
        _ => status.ToString().ToLowerInvariant(),
    };
}
