namespace CarbonVoice.Sdk.Connector;

/// <summary>
/// Wraps the connector's stores so that any failure of theirs surfaces as a <see cref="ConnectorStoreException"/> naming
/// the store (its own exception, with whatever text the database put in it, becomes the inner exception). Cancellations,
/// argument and format errors (a caller's bad input, such as an unknown continuation token) pass through unchanged. The
/// sync and ingestion services wrap the stores they are given; hosts wrap the stores they read directly, so that every
/// store failure can be answered the same way (503). Wrapping twice is harmless (a guarded store is returned as is).
/// </summary>
public static class ConnectorStoreGuard
{
    /// <summary>Wraps a raw data store.</summary>
    /// <param name="store">The store.</param>
    public static IRawDataStore Wrap(IRawDataStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store as GuardedRawDataStore ?? new GuardedRawDataStore(store);
    }

    /// <summary>Wraps a chunk store.</summary>
    /// <param name="store">The store.</param>
    public static IChunkStore Wrap(IChunkStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store as GuardedChunkStore ?? new GuardedChunkStore(store);
    }

    /// <summary>Wraps a sync state store.</summary>
    /// <param name="store">The store.</param>
    public static ISyncStateStore Wrap(ISyncStateStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store as GuardedSyncStateStore ?? new GuardedSyncStateStore(store);
    }

    /// <summary>Whether an exception is passed through unchanged: a cancellation, an argument or format error, or one already naming its store.</summary>
    /// <param name="exception">The exception.</param>
    public static bool PassesThrough(Exception exception)
        => exception is OperationCanceledException or ArgumentException or FormatException or ConnectorStoreException or OutOfMemoryException;

    internal static async Task<T> CallAsync<T>(ConnectorStoreKind store, Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception exception) when (!PassesThrough(exception))
        {
            throw new ConnectorStoreException(store, exception);
        }
    }

    internal static async Task CallAsync(ConnectorStoreKind store, Func<Task> call)
    {
        try
        {
            await call().ConfigureAwait(false);
        }
        catch (Exception exception) when (!PassesThrough(exception))
        {
            throw new ConnectorStoreException(store, exception);
        }
    }
}
