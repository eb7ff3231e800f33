namespace CarbonVoice.Sdk.Connector.AspNetCore;

/// <summary>One run of a connector's sync history (<c>GET /{connector_id}/sync</c>): a sync or an ingestion.</summary>
/// <param name="Id">The run (sync log) id.</param>
/// <param name="SyncType"><c>full</c>, <c>delta</c> or <c>ingestion</c>.</param>
/// <param name="Status"><c>running</c>, <c>succeeded</c>, <c>failed</c>, <c>cancelled</c>, <c>expired</c> or <c>interrupted</c>.</param>
/// <param name="StartedAt">When the run started.</param>
/// <param name="CompletedAt">When it ended; null while it runs.</param>
/// <param name="DurationSeconds">Seconds from start to end; null while it runs.</param>
/// <param name="RecordsFetched">Records fetched (a sync) or read (an ingestion).</param>
/// <param name="RecordsCreated">New records (a sync).</param>
/// <param name="RecordsUpdated">Changed records (a sync).</param>
/// <param name="RecordsDeleted">Records deleted upstream (a sync) or deleted records read (an ingestion).</param>
/// <param name="RecordsFailed">Records that failed.</param>
/// <param name="ChunksWritten">Chunks written, new or changed (an ingestion); null for a sync.</param>
/// <param name="ChunksDeleted">Chunks deleted (an ingestion); null for a sync.</param>
/// <param name="ErrorCount">Errors recorded.</param>
/// <param name="StatusMessage">Why it failed, was cancelled, expired or was interrupted.</param>
public sealed record SyncHistoryEntryResponse(
    string Id,
    string SyncType,
    string Status,
    DateTimeOffset StartedAt,
    DateTimeOffset? CompletedAt,
    double? DurationSeconds,
    long RecordsFetched,
    long RecordsCreated,
    long RecordsUpdated,
    long RecordsDeleted,
    long RecordsFailed,
    long? ChunksWritten,
    long? ChunksDeleted,
    long ErrorCount,
    string? StatusMessage)
{
    /// <summary>Maps a run to its history row.</summary>
    public static SyncHistoryEntryResponse From(SyncRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var records = RunCounts.Records(run);
        var chunks = RunCounts.Chunks(run);
        return new(
            run.Id, SyncLogResponse.KindName(run.Kind), RunStatuses.Of(run.Status), run.StartedAt, run.FinishedAt,
            run.FinishedAt is { } end ? Math.Round((end - run.StartedAt).TotalSeconds, 3) : null,
            records.Sum(c => c.Fetched), records.Sum(c => c.New), records.Sum(c => c.Changed), records.Sum(c => c.Deleted), records.Sum(c => c.Failed),
            chunks is null ? null : chunks.New + chunks.Changed, chunks?.Deleted, run.ErrorCount, run.StatusMessage);
    }
}

/// <summary>The answer of <c>GET /{connector_id}/sync</c>: the newest runs first.</summary>
public sealed record SyncHistoryResponse(IReadOnlyList<SyncHistoryEntryResponse> Items);

/// <summary>The chunks of one pillar.</summary>
/// <param name="Pillar">The pillar, for example <c>customer_health</c>; <c>other</c> for chunks of pillars the host's mapping does not name.</param>
/// <param name="ChunkCount">Its chunks.</param>
public sealed record PillarCountResponse(string Pillar, long ChunkCount);

/// <summary>A run that holds the connector's lease now.</summary>
/// <param name="SyncLogId">The run, or null while it is not recorded yet (or runs in another process without a record).</param>
/// <param name="LeaseExpiresAt">When its lease lapses unless renewed.</param>
public sealed record ActiveRunResponse(string? SyncLogId, DateTimeOffset LeaseExpiresAt);

/// <summary>The rate-limit headers Carbon Voice last answered this connector's calls with, as this process saw them.</summary>
/// <param name="Limit">Requests allowed in the window.</param>
/// <param name="Remaining">Requests left in the window.</param>
/// <param name="ResetAt">When the window resets.</param>
/// <param name="ObservedAt">When the answer was received.</param>
public sealed record RateLimitResponse(int? Limit, int? Remaining, DateTimeOffset? ResetAt, DateTimeOffset ObservedAt)
{
    /// <summary>Maps the SDK's rate-limit state; null stays null.</summary>
    public static RateLimitResponse? From(RateLimitInfo? info)
        => info is null ? null : new(info.Limit, info.Remaining, info.ResetAt, info.ObservedAt);
}

/// <summary>The answer of <c>GET /{connector_id}/overview</c>: what the dashboard shows beside the entity counts.</summary>
/// <param name="ConnectorId">The connector.</param>
/// <param name="ChunkCount">All its chunks.</param>
/// <param name="Pillars">Its chunks per pillar (every pillar the mapping names, zero included).</param>
/// <param name="ActiveSync">The sync holding the connector's sync lease, or null.</param>
/// <param name="ActiveIngestion">The ingestion holding its ingestion lease, or null.</param>
/// <param name="RateLimit">The rate-limit state last observed for the connector by this process, or null before any call (or when workers make the calls).</param>
/// <param name="IngestsAfterSync">Whether a successful sync is followed by an ingestion without a request.</param>
public sealed record ConnectorOverviewResponse(
    string ConnectorId,
    long ChunkCount,
    IReadOnlyList<PillarCountResponse> Pillars,
    ActiveRunResponse? ActiveSync,
    ActiveRunResponse? ActiveIngestion,
    RateLimitResponse? RateLimit,
    bool IngestsAfterSync);
