namespace CarbonVoice.Sdk.Connector;

/// <summary>Writes a page of records and the checkpoint that covers it: atomically where the store can, else records first.</summary>
public static class CheckpointedWrites
{
    /// <summary>Whether <see cref="UpsertAsync"/> commits records and checkpoint in one transaction on <paramref name="raw"/>.</summary>
    /// <param name="raw">The raw data store.</param>
    /// <returns>True for an <see cref="ICheckpointedRawDataStore"/>, also behind <see cref="ConnectorStoreGuard"/>.</returns>
    internal static bool IsAtomic(IRawDataStore raw) => raw is ICheckpointedRawDataStore or GuardedRawDataStore { Inner: ICheckpointedRawDataStore };

    /// <summary>
    /// Upserts <paramref name="records"/> and sets <paramref name="checkpoint"/>: in one transaction when the raw store is an
    /// <see cref="ICheckpointedRawDataStore"/> (also behind <see cref="ConnectorStoreGuard"/>), otherwise the records and then the
    /// checkpoint, so a crash between the two re-reads the page (harmless: records are de-duplicated by content hash) and never
    /// skips it.
    /// </summary>
    /// <param name="raw">The raw data store.</param>
    /// <param name="state">The sync state store (for the fallback).</param>
    /// <param name="records">The records.</param>
    /// <param name="checkpoint">The checkpoint.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One result per input record, in input order.</returns>
    public static async Task<IReadOnlyList<RawUpsertResult>> UpsertAsync(IRawDataStore raw, ISyncStateStore state, IReadOnlyList<RawRecordUpsert> records, CheckpointWrite checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(checkpoint);
        switch (raw)
        {
            case ICheckpointedRawDataStore atomic:
                return await atomic.UpsertAsync(records, checkpoint, cancellationToken).ConfigureAwait(false);
            case GuardedRawDataStore { Inner: ICheckpointedRawDataStore atomic }:
                return await ConnectorStoreGuard.CallAsync(ConnectorStoreKind.RawData, () => atomic.UpsertAsync(records, checkpoint, cancellationToken)).ConfigureAwait(false);
            default:
                var results = await raw.UpsertAsync(records, cancellationToken).ConfigureAwait(false);
                await state.SetCheckpointAsync(checkpoint.TenantId, checkpoint.ConnectorId, checkpoint.Scope, checkpoint.Value, cancellationToken).ConfigureAwait(false);
                return results;
        }
    }
}
