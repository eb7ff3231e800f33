namespace CarbonVoice.Sdk.Connector;

/// <summary>
/// A raw data store that keeps its <see cref="ISyncStateStore"/>'s checkpoints in the same database (the PostgreSQL store) and
/// can commit a page of records and the cursor that covers it in one transaction: both or neither. Use it through
/// <see cref="CheckpointedWrites"/>, which falls back to two writes (records first) for other stores.
/// </summary>
public interface ICheckpointedRawDataStore : IRawDataStore
{
    /// <summary>Upserts records (as <see cref="IRawDataStore.UpsertAsync"/>) and sets a checkpoint in the same transaction.</summary>
    /// <param name="records">The records.</param>
    /// <param name="checkpoint">The checkpoint the records are covered by.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One result per input record, in input order.</returns>
    Task<IReadOnlyList<RawUpsertResult>> UpsertAsync(IReadOnlyList<RawRecordUpsert> records, CheckpointWrite checkpoint, CancellationToken cancellationToken = default);
}
