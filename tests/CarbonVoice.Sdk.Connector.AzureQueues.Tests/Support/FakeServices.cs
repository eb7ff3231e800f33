using System.Collections.Concurrent;

namespace CarbonVoice.Sdk.Connector.AzureQueues.Tests.Support;

/// <summary>A sync service whose runs the test scripts per connector: a status, an exception, or a wait on a gate.</summary>
public sealed class ScriptedSyncService : ICarbonVoiceSyncService
{
    public ConcurrentDictionary<string, Func<SyncRequest, CancellationToken, Task<SyncRun>>> Scripts { get; } = new(StringComparer.Ordinal);

    public ConcurrentQueue<SyncRequest> Calls { get; } = new();

    public static SyncRun Run(SyncRequest request, SyncRunStatus status, string? message = null) => new()
    {
        Id = Guid.NewGuid().ToString("N"),
        TenantId = request.TenantId,
        ConnectorId = request.ConnectorId,
        Kind = SyncKind.Delta,
        Status = status,
        StatusMessage = message,
        StartedAt = DateTimeOffset.UtcNow,
        FinishedAt = DateTimeOffset.UtcNow,
    };

    public Task<SyncRun> SyncAsync(ICarbonVoiceClient client, SyncRequest request, IProgress<SyncProgress>? progress = null, CancellationToken cancellationToken = default)
        => SyncAsync(request, progress, cancellationToken);

    public Task<SyncRun> SyncAsync(SyncRequest request, IProgress<SyncProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        Calls.Enqueue(request);
        return Scripts.TryGetValue(request.ConnectorId, out var script) ? script(request, cancellationToken) : Task.FromResult(Run(request, SyncRunStatus.Succeeded));
    }

    public Task<IReadOnlySet<string>> GetEnabledEntitiesAsync(string tenantId, string connectorId, CancellationToken cancellationToken = default)
        => Task.FromResult(CarbonVoiceEntities.DefaultEnabled);

    public Task SetEnabledEntitiesAsync(string tenantId, string connectorId, IEnumerable<string> entityKeys, CancellationToken cancellationToken = default)
        => Task.CompletedTask;
}

/// <summary>An ingestion service that succeeds and counts its calls.</summary>
public sealed class CountingIngestionService : ICarbonVoiceIngestionService
{
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public Task<SyncRun> IngestAsync(string tenantId, string connectorId, CancellationToken cancellationToken)
        => IngestAsync(tenantId, connectorId, null, cancellationToken);

    public Task<SyncRun> IngestAsync(string tenantId, string connectorId, IProgress<IngestionProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        return Task.FromResult(new SyncRun { Id = Guid.NewGuid().ToString("N"), TenantId = tenantId, ConnectorId = connectorId, Kind = SyncKind.Ingestion, Status = SyncRunStatus.Succeeded });
    }
}
