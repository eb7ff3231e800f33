namespace CarbonVoice.Sdk.Internal;

/// <summary>
/// Paging over id lists followed by batched reads: each page of ids (a cursor envelope) is read in batches of at most
/// the batch size, never an empty batch, and the page holds the records in id order. The continuation token is the
/// ids cursor, so only one page of records is in memory at a time.
/// </summary>
internal static class IdBatchPaging
{
    public static CarbonVoicePageable<T> Create<T>(
        Func<string?, int?, CancellationToken, Task<ApiList<string>>> fetchIds,
        int batchSize,
        Func<IReadOnlyList<string>, CancellationToken, Task<IReadOnlyList<T>>> fetchBatch,
        Func<T, string> key)
        => new PagedSource<T>(
            async (cursor, size, cancellationToken) =>
            {
                var ids = await fetchIds(cursor, size, cancellationToken).ConfigureAwait(false);
                var next = CursorPaging.NextCursor(ids, ids.Items.Count > 0 ? ids.Items[^1] : null);
                var items = await FetchInBatchesAsync(ids.Items, batchSize, fetchBatch, key, cancellationToken).ConfigureAwait(false);
                return new CarbonVoicePage<T>(items, next);
            },
            item => key(item));

    /// <summary>Reads the records of <paramref name="ids"/> (blank and repeated ids dropped) in batches, in the order of the ids; records the service does not return are absent.</summary>
    public static async Task<IReadOnlyList<T>> FetchInBatchesAsync<T>(
        IEnumerable<string?> ids,
        int batchSize,
        Func<IReadOnlyList<string>, CancellationToken, Task<IReadOnlyList<T>>> fetchBatch,
        Func<T, string> key,
        CancellationToken cancellationToken)
    {
        var unique = new HashSet<string>(StringComparer.Ordinal);
        var wanted = new List<string>();
        foreach (var id in ids)
        {
            if (!string.IsNullOrWhiteSpace(id) && unique.Add(id))
            {
                wanted.Add(id);
            }
        }

        if (wanted.Count == 0)
        {
            return [];
        }

        var result = new List<T>(wanted.Count);
        foreach (var batch in wanted.Chunk(batchSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var fetched = await fetchBatch(batch, cancellationToken).ConfigureAwait(false);
            result.AddRange(InRequestedOrder(batch, fetched, key));
        }

        return result;
    }

    private static IEnumerable<T> InRequestedOrder<T>(string[] requested, IReadOnlyList<T> fetched, Func<T, string> key)
    {
        var wanted = new HashSet<string>(requested, StringComparer.Ordinal);
        var byId = new Dictionary<string, T>(StringComparer.Ordinal);
        var extras = new List<T>();
        foreach (var item in fetched)
        {
            string? id = key(item);
            if (id is null || (byId.TryAdd(id, item) && !wanted.Contains(id)))
            {
                extras.Add(item);
            }
        }

        foreach (var id in requested)
        {
            if (byId.TryGetValue(id, out var item))
            {
                yield return item;
            }
        }

        foreach (var extra in extras)
        {
            yield return extra;
        }
    }
}
