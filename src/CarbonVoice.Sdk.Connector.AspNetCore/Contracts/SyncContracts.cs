
namespace CarbonVoice.Sdk.Connector.AspNetCore;

/// <summary>The optional body of <c>POST /{connector_id}/sync</c>.</summary>
/// <param name="SyncType"><c>full</c> or <c>delta</c>; default delta, which runs full when nothing was synced yet (or after a purge): the answer names the kind the run recorded.</param>
public sealed record StartSyncRequest(string? SyncType);

/// <summary>The answer of <c>POST /{connector_id}/sync</c> and <c>/ingest</c> (202).</summary>
/// <param name="SyncLogId">The new run (sync log) id.</param>
/// <param name="ConnectorId">The connector.</param>
/// <param name="SyncType"><c>full</c>, <c>delta</c> or <c>ingestion</c>: what the run recorded.</param>
/// <param name="Status"><c>running</c>.</param>
/// <param name="StatusUrl">Where to read the run (<c>GET /{connector_id}/sync/{sync_log_id}</c>).</param>
public sealed record RunStartedResponse(string SyncLogId, string ConnectorId, string SyncType, string Status, string StatusUrl);

/// <summary>Counts of one entity in a run.</summary>
/// <param name="Fetched">Items fetched (a sync) or read (an ingestion).</param>
/// <param name="New">Items written for the first time.</param>
/// <param name="Changed">Items whose content changed.</param>
/// <param name="Unchanged">Items whose content was unchanged.</param>
/// <param name="Deleted">Items marked deleted.</param>
/// <param name="Failed">Items that failed or were quarantined.</param>
public sealed record EntityCountsResponse(long Fetched, long New, long Changed, long Unchanged, long Deleted, long Failed);

/// <summary>An error recorded in a run.</summary>
/// <param name="At">When it happened.</param>
/// <param name="Phase">The run's phase then.</param>
/// <param name="EntityType">The entity concerned, if any.</param>
/// <param name="ExternalId">The Carbon Voice id of the item concerned, if any.</param>
/// <param name="Message">What went wrong.</param>
public sealed record RunErrorResponse(DateTimeOffset At, string Phase, string? EntityType, string? ExternalId, string Message);

/// <summary>A sync log entry (a sync or an ingestion run).</summary>
public sealed record SyncLogResponse(
    string Id,
    string ConnectorId,
    string SyncType,
    string Status,
    DateTimeOffset StartedAt,
    DateTimeOffset? CompletedAt,
    string? StatusMessage,
    long RecordsFetched,
    long RecordsCreated,
    long RecordsUpdated,
    long RecordsUnchanged,
    long RecordsDeleted,
    long RecordsFailed,
    IReadOnlyDictionary<string, EntityCountsResponse> EntityCounts,
    long ErrorCount,
    IReadOnlyList<RunErrorResponse> Errors)
{
    /// <summary>The API name of a run kind (<c>full</c>, <c>delta</c>, <c>ingestion</c>).</summary>
    public static string KindName(SyncKind kind) => kind switch
    {
        SyncKind.Full => "full",
        SyncKind.Delta => "delta",
        _ => "ingestion",
    };

    /// <summary>Maps a run to its API shape.</summary>
    public static SyncLogResponse From(SyncRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        // Records only: an ingestion's chunk counts stay in entity_counts under their own key.
        var counts = RunCounts.Records(run);
        return new(
            run.Id, run.ConnectorId, KindName(run.Kind), RunStatuses.Of(run.Status), run.StartedAt, run.FinishedAt, run.StatusMessage,
            counts.Sum(c => c.Fetched), counts.Sum(c => c.New), counts.Sum(c => c.Changed), counts.Sum(c => c.Unchanged), counts.Sum(c => c.Deleted), counts.Sum(c => c.Failed),
            run.Counts.ToDictionary(p => p.Key, p => new EntityCountsResponse(p.Value.Fetched, p.Value.New, p.Value.Changed, p.Value.Unchanged, p.Value.Deleted, p.Value.Failed), StringComparer.Ordinal),
            run.ErrorCount,
            [.. run.Errors.Select(e => new RunErrorResponse(e.At, e.Phase, e.EntityType, e.ExternalId, e.Message))]);
    }
}

/// <summary>A chunk as the chunk browser shows it.</summary>
public sealed record ChunkResponse(
    string ChunkId,
    string SourceKey,
    int Index,
    string EntityType,
    string? WorkspaceId,
    string? ConversationId,
    string Pillar,
    string Text,
    int TokenCount,
    IReadOnlyDictionary<string, string> Metadata,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>Maps a stored chunk to its API shape.</summary>
    public static ChunkResponse From(StoredChunk stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var c = stored.Chunk;
        return new(c.ChunkId, c.SourceKey, c.Index, c.EntityType, c.WorkspaceId, c.ConversationId, c.Pillar, c.Text, c.TokenCount, c.Metadata, stored.CreatedAt, stored.UpdatedAt);
    }
}

/// <summary>One page of chunks.</summary>
/// <param name="Items">The chunks of the page.</param>
/// <param name="ContinuationToken">Pass it back for the next page; null on the last one.</param>
/// <param name="Total">The chunks matching the filter, all pages.</param>
public sealed record ChunkPageResponse(IReadOnlyList<ChunkResponse> Items, string? ContinuationToken, long Total);

/// <summary>A ticket for the progress WebSocket: open <c>{Scheme}://{host}{Url}</c> before <see cref="ExpiresAt"/>; it works once.</summary>
/// <param name="Ticket">The single-use ticket.</param>
/// <param name="ExpiresAt">When it stops working.</param>
/// <param name="Url">The WebSocket's path and query, the ticket included.</param>
/// <param name="Scheme"><c>ws</c> or <c>wss</c>, as the request came.</param>
public sealed record ProgressTicketResponse(string Ticket, DateTimeOffset ExpiresAt, string Url, string Scheme);
