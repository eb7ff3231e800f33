namespace CarbonVoice.Sdk.Internal;

/// <summary>Paging over cursor envelopes (<c>{results, has_more, next_cursor}</c>, next page with <c>starting_after</c>). A bare array is a single page.</summary>
internal static class CursorPaging
{
    public static CarbonVoicePageable<T> Create<T>(Func<string?, int?, CancellationToken, Task<ApiList<T>>> fetch, Func<T, string?>? key = null)
        => new PagedSource<T>(
            async (cursor, size, ct) =>
            {
                var list = await fetch(cursor, size, ct).ConfigureAwait(false);
                return new CarbonVoicePage<T>(list.Items, NextCursor(list, list.Items.Count > 0 && key is not null ? key(list.Items[^1]) : null));
            },
            key);

    /// <summary>
    /// The cursor of the next page: <c>next_cursor</c> unless <c>has_more</c> is explicitly false (a missing
    /// <c>has_more</c> with a cursor still means more). When the envelope says <c>has_more: true</c> without a
    /// cursor, the last item's id is the cursor (Stripe-style <c>starting_after</c>); without one the list cannot
    /// go on and that is an error, never a silent end.
    /// </summary>
    public static string? NextCursor<T>(ApiList<T> list, string? lastKey)
    {
        if (list.HasMore == false)
        {
            return null;
        }

        if (!string.IsNullOrEmpty(list.NextCursor))
        {
            return list.NextCursor;
        }

        if (list.HasMore != true)
        {
            return null;
        }

        return lastKey ?? throw new CarbonVoiceMalformedResponseException("The list says has_more but gives neither next_cursor nor an item id to continue after.");
    }
}
