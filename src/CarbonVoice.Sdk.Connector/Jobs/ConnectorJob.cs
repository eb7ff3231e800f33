namespace CarbonVoice.Sdk.Connector;

/// <summary>
/// A unit of work for a worker: the sync or ingestion of one connector. It carries ids only, never data (a queue message is
/// small: Azure Storage Queues take 64 KB), and running it twice is harmless: records are de-duplicated by content hash,
/// chunks by id and hash, and the connector's lease keeps two runs of one connector from overlapping.
/// </summary>
/// <param name="JobId">The job's id (a new one per request; kept across retries of the same message).</param>
/// <param name="Kind">Sync or ingestion.</param>
/// <param name="TenantId">The tenant.</param>
/// <param name="ConnectorId">The connector (also the SDK connection id).</param>
public sealed record ConnectorJob(string JobId, ConnectorJobKind Kind, string TenantId, string ConnectorId)
{
    /// <summary>For syncs: full, delta or automatic.</summary>
    public SyncMode Mode { get; init; } = SyncMode.Auto;

    /// <summary>For syncs: the conversations a delta is limited to (a webhook's), or null for all.</summary>
    public IReadOnlyList<string>? ConversationIds { get; init; }

    /// <summary>When the job was first queued.</summary>
    public DateTimeOffset EnqueuedAt { get; init; }

    /// <summary>Correlates the job with what caused it (a sync run, a webhook delivery).</summary>
    public string? CorrelationId { get; init; }

    /// <summary>A new sync job.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="connectorId">The connector.</param>
    /// <param name="mode">Full, delta or automatic.</param>
    /// <param name="now">The current time.</param>
    /// <param name="conversationIds">The conversations a delta is limited to, or null.</param>
    public static ConnectorJob Sync(string tenantId, string connectorId, SyncMode mode, DateTimeOffset now, IReadOnlyList<string>? conversationIds = null)
        => new(NewId(), ConnectorJobKind.Sync, tenantId, connectorId) { Mode = mode, EnqueuedAt = now, ConversationIds = conversationIds is { Count: > 0 } ? conversationIds : null };

    /// <summary>A new ingestion job.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="connectorId">The connector.</param>
    /// <param name="now">The current time.</param>
    public static ConnectorJob Ingestion(string tenantId, string connectorId, DateTimeOffset now)
        => new(NewId(), ConnectorJobKind.Ingestion, tenantId, connectorId) { EnqueuedAt = now };

    /// <summary>A new job id: 32 lower-case hex characters.</summary>
    public static string NewId() => Guid.NewGuid().ToString("N");
}
