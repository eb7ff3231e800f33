namespace CarbonVoice.Sdk.Connector.Tests.Support;

/// <summary>Delegates to a store and cancels a token right after the n-th write (a page boundary) was confirmed, or just before it.</summary>
public sealed class CancellingRawDataStore(IRawDataStore inner, int cancelAfterWrite, CancellationTokenSource cancellation, bool beforeWrite = false) : DelegatingRawDataStore(inner)
{
    private int _writes;

    public int Writes => _writes;

    public override async Task<IReadOnlyList<RawUpsertResult>> UpsertAsync(IReadOnlyList<RawRecordUpsert> records, CancellationToken cancellationToken = default)
    {
        var n = Interlocked.Increment(ref _writes);
        if (beforeWrite && n == cancelAfterWrite)
        {
            await cancellation.CancelAsync();
            cancellationToken.ThrowIfCancellationRequested();
        }

        var result = await base.UpsertAsync(records, cancellationToken);
        if (!beforeWrite && n == cancelAfterWrite)
        {
            await cancellation.CancelAsync();
        }

        return result;
    }
}
