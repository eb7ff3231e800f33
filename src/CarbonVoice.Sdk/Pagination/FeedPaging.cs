namespace CarbonVoice.Sdk.Internal;

/// <summary>
/// Paging over the v6 keyset feeds (<c>{"data", "has_more", "next_cursor"}</c>): the first page is anchored by the caller's
/// date, later ones send only the server's cursor; the list ends on <c>has_more: false</c>, never on a short page.
/// </summary>
/// <remarks>
/// The continuation token wraps the server's cursor with the rows yielded in the last seconds before it: the service
/// re-delivers up to about 4 s of rows when a cursor is resumed (and moves a date-anchored first page back as much), so
/// rows equal in id and <c>updated_at</c> to one of those are dropped — across enumerations too, since the caller persists
/// the token. The last page of a <c>newer</c> walk still carries the server's resume cursor: it becomes the page's
/// <see cref="CarbonVoicePage{T}.ResumeToken"/>.
/// </remarks>
internal static class FeedPaging
{
    /// <summary>How far before the end of a page yielded rows are remembered (the service re-delivers about 4 s).</summary>
    public static readonly TimeSpan RedeliveryWindow = TimeSpan.FromSeconds(10);

    /// <summary>The most remembered rows a token carries.</summary>
    public const int MaxRemembered = 500;

    /// <param name="pageSize">The page size, or null for the service's default; the caller checks it (<see cref="ValidatePageSize"/>) under its own parameter name.</param>
    /// <param name="fetch">Fetches a page: the server cursor (null for the first, date-anchored page) and the limit.</param>
    /// <param name="id">The row id.</param>
    /// <param name="version">The row's version (<c>updated_at</c>).</param>
    /// <param name="position">The row's position on the feed's axis (<c>updated_at</c> or <c>created_at</c>).</param>
    public static CarbonVoicePageable<T> Create<T>(
        int? pageSize,
        Func<string?, int?, CancellationToken, Task<ApiList<T>>> fetch,
        Func<T, string?> id,
        Func<T, DateTimeOffset?> version,
        Func<T, DateTimeOffset?> position)
    {
        return new PagedSource<T>(
            async (token, sizeHint, cancellationToken) =>
            {
                ValidatePageSize(sizeHint, "pageSizeHint");
                var state = FeedCursorToken.Decode(token);
                var list = await fetch(state.Cursor, sizeHint ?? pageSize, cancellationToken).ConfigureAwait(false);
                var seenKeys = state.Seen.Select(row => row.Key).ToHashSet(StringComparer.Ordinal);
                var fresh = new List<T>(list.Items.Count);
                var rows = new List<FeedSeenRow>(state.Seen);
                foreach (var item in list.Items)
                {
                    var itemId = id(item);
                    if (string.IsNullOrEmpty(itemId))
                    {
                        fresh.Add(item);
                        continue;
                    }

                    var row = new FeedSeenRow(itemId, version(item)?.UtcTicks ?? 0, position(item)?.UtcTicks ?? 0);
                    if (seenKeys.Add(row.Key))
                    {
                        fresh.Add(item);
                        rows.Add(row);
                    }
                }

                var remembered = Recent(rows);
                var hasMore = list.HasMore ?? (list.Items.Count > 0 && !string.IsNullOrEmpty(list.NextCursor) && list.NextCursor != state.Cursor);
                if (!hasMore)
                {
                    var resume = string.IsNullOrEmpty(list.NextCursor) ? null : FeedCursorToken.Encode(list.NextCursor, remembered);
                    return new CarbonVoicePage<T>(fresh, null) { ResumeToken = resume };
                }

                if (string.IsNullOrEmpty(list.NextCursor))
                {
                    throw new CarbonVoiceMalformedResponseException("The feed says has_more but gives no next_cursor to continue with.");
                }

                if (string.Equals(list.NextCursor, state.Cursor, StringComparison.Ordinal))
                {
                    throw new CarbonVoiceMalformedResponseException("The feed says has_more but returned the cursor it was asked for; stopping instead of looping forever.");
                }

                return new CarbonVoicePage<T>(fresh, FeedCursorToken.Encode(list.NextCursor, remembered));
            },
            item => id(item) is { } itemId ? string.Concat(itemId, "|", version(item)?.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture)) : null);
    }

    /// <summary>Refuses a page size outside 1–<see cref="MessageFeedOptions.MaxPageSize"/> before any request.</summary>
    /// <param name="pageSize">The page size, or null for the service's default.</param>
    /// <param name="parameterName">The caller's name for it.</param>
    public static void ValidatePageSize(int? pageSize, string parameterName)
    {
        if (pageSize is { } size && (size < 1 || size > MessageFeedOptions.MaxPageSize))
        {
            throw new ArgumentOutOfRangeException(parameterName, size, $"The page size must be between 1 and {MessageFeedOptions.MaxPageSize} (the service answers 400 above {MessageFeedOptions.MaxPageSize}).");
        }
    }

    /// <summary>The rows within <see cref="RedeliveryWindow"/> of the last one (the feed's end), newest kept when there are too many.</summary>
    private static List<FeedSeenRow> Recent(List<FeedSeenRow> rows)
    {
        if (rows.Count == 0)
        {
            return rows;
        }

        var end = rows[^1].PositionTicks;
        var window = RedeliveryWindow.Ticks;
        var kept = rows.Where(row => Math.Abs(end - row.PositionTicks) <= window).ToList();
        return kept.Count <= MaxRemembered ? kept : kept.GetRange(kept.Count - MaxRemembered, MaxRemembered);
    }
}
