namespace CarbonVoice.Sdk.Internal;

/// <summary>Paging over cursor envelopes (<c>{results, has_more, next_cursor}</c>, next page with <c>starting_after</c>). A bare array is a single page.</summary>
internal static class CursorPaging
{
    public static CarbonVoicePageable<T> Create<T>(Func<string?, int?, CancellationToken, Task<ApiList<T>>> fetch, Func<T, string?>? key = null)
        => new PagedSource<T>(
            async (cursor, size, ct) =>
            {
                var list = await fetch(cursor, size, ct).ConfigureAwait(false);
                // A missing has_more with a cursor present still means "more"; an explicit has_more=false ends the list.
                var next = (list.HasMore ?? true) && !string.IsNullOrEmpty(list.NextCursor) ? list.NextCursor : null;
                return new CarbonVoicePage<T>(list.Items, next);
            },
            key);
}
