namespace CarbonVoice.Sdk.Connector.Internal;

/// <summary>A page of changes read with one row more than asked for: that row says whether more follow, and is dropped.</summary>
internal static class LookaheadPage
{
    /// <summary>The first <paramref name="pageSize"/> rows, the watermark after them (the input one when there are none) and whether more follow.</summary>
    public static (List<T> Items, long NextWatermark, bool HasMore) Trim<T>(List<T> rows, int pageSize, long watermark, Func<T, long> sequence)
    {
        var hasMore = rows.Count > pageSize;
        if (hasMore)
        {
            rows.RemoveRange(pageSize, rows.Count - pageSize);
        }

        return (rows, rows.Count == 0 ? watermark : sequence(rows[^1]), hasMore);
    }
}
