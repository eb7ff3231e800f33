namespace CarbonVoice.Sdk.Connector;

/// <summary>Writes a page of records and the checkpoint that covers it: atomically where the store can, else records first.</summary>
public static class CheckpointedWrites
{
    /// <summary>
    /// Upserts <paramref name="records"/> and sets <paramref name="checkpoint"/>: in one transaction when the raw store is an
    /// <see cref="ICheckpointedRawDataStore"/> (also behind <see cref="ConnectorStoreGuard"/>), otherwise the records and then the
    /// checkpoint, so a crash between the two re-reads the page (harmless: records are de-duplicated by content hash) and never
    /// skips it. With no records only the checkpoint is written (to <paramref name="state"/>).
    /// </summary>
    /// <param name="raw">The raw data store.</param>
    /// <param name="state">The sync state store (for the fallback).</param>
    /// <param name="records">The records.</param>
    /// <param name="checkpoint">The checkpoint.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One result per input record, in input order.</returns>
    public static Task<IReadOnlyList<RawUpsertResult>> UpsertAsync(IRawDataStore raw, ISyncStateStore state, IReadOnlyList<RawRecordUpsert> records, CheckpointWrite checkpoint, CancellationToken cancellationToken = default)
        => UpsertAsync(raw, state, records, checkpoint, stored: null, cancellationToken);

    /// <summary>As the public overload, calling <paramref name="stored"/> once the records are stored.</summary>
    /// <param name="raw">The raw data store.</param>
    /// <param name="state">The sync state store (for the fallback).</param>
    /// <param name="records">The records.</param>
    /// <param name="checkpoint">The checkpoint.</param>
    /// <param name="stored">
    /// Called with the results once the records are stored: after the transaction, or in the fallback before the checkpoint is
    /// written (so a failed checkpoint write still leaves the stored records accounted for).
    /// </param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One result per input record, in input order.</returns>
    internal static async Task<IReadOnlyList<RawUpsertResult>> UpsertAsync(IRawDataStore raw, ISyncStateStore state, IReadOnlyList<RawRecordUpsert> records, CheckpointWrite checkpoint, Action<IReadOnlyList<RawUpsertResult>>? stored, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(checkpoint);
        IReadOnlyList<RawUpsertResult> results;
        switch (raw)
        {
            case ICheckpointedRawDataStore atomic when records.Count > 0:
                results = await atomic.UpsertAsync(records, checkpoint, cancellationToken).ConfigureAwait(false);
                break;
            case GuardedRawDataStore { Inner: ICheckpointedRawDataStore atomic } when records.Count > 0:
                results = await ConnectorStoreGuard.CallAsync(ConnectorStoreKind.RawData, () => atomic.UpsertAsync(records, checkpoint, cancellationToken)).ConfigureAwait(false);
                break;
            default:
                results = records.Count == 0 ? [] : await raw.UpsertAsync(records, cancellationToken).ConfigureAwait(false);
                stored?.Invoke(results);
                await state.SetCheckpointAsync(checkpoint.TenantId, checkpoint.ConnectorId, checkpoint.Scope, checkpoint.Value, cancellationToken).ConfigureAwait(false);
                return results;
        }

        stored?.Invoke(results);
        return results;
    }
}
