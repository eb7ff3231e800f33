namespace CarbonVoice.Sdk.Connector.Internal;

/// <summary>Turns an ingestion run's tracked counts into <see cref="IngestionProgress"/> events.</summary>
internal sealed class IngestionReporter(RunTracker tracker, IProgress<IngestionProgress>? progress)
{
    /// <summary>The key of the chunk counts among a run's per-entity counts (written by the ingestion pass, read here).</summary>
    public const string ChunkCounts = SyncRun.ChunkCountsKey;

    public void Report(IngestionPhase phase, double? percent = null, string? message = null)
    {
        if (progress is null)
        {
            return;
        }

        var counts = tracker.CountsSnapshot();
        progress.Report(Create(tracker.Run.Id, phase, counts, tracker.ErrorCount) with { Percent = percent, Message = message });
    }

    public void Completed(SyncRun final)
    {
        if (progress is null)
        {
            return;
        }

        progress.Report(Create(final.Id, IngestionPhase.Completed, final.Counts, final.ErrorCount) with
        {
            Status = final.Status,
            Message = final.StatusMessage,
            Percent = final.Status == SyncRunStatus.Succeeded ? 100 : null,
        });
    }

    private static IngestionProgress Create(string runId, IngestionPhase phase, IReadOnlyDictionary<string, EntitySyncCounts> counts, long errors)
    {
        var chunks = counts.GetValueOrDefault(ChunkCounts) ?? new EntitySyncCounts();
        return new IngestionProgress(runId, phase)
        {
            RecordsRead = counts.Where(c => c.Key != ChunkCounts).Sum(c => c.Value.Fetched),
            ChunksWritten = chunks.New + chunks.Changed,
            ChunksDeleted = chunks.Deleted,
            ErrorCount = errors,
        };
    }
}
