namespace CarbonVoice.Sdk.Internal;

/// <summary>
/// Paging over inclusive date cursors (<c>date</c> + <c>direction</c> + <c>limit</c>: <c>/v3/messages/recent</c>,
/// <c>/v3/messages/notified</c>, <c>/v3/messages/{channel_id}/by-id</c>).
/// </summary>
/// <remarks>
/// The next request's date is the timestamp of the last item of the page. Because the service includes records at
/// exactly that date again, the continuation token carries the date plus the ids already yielded at it, and those are
/// dropped from the next page: records that share the boundary timestamp are neither lost nor repeated. The next
/// request asks for the page size plus the number of those ids (up to the endpoint's maximum), so a full page of them
/// cannot hide the records that follow. The service caps pages below the limit asked (<c>/v3/messages/recent</c> returned
/// a short page while more existed), so a short page never ends the list: only an empty page does, or a page that brings
/// nothing new or leaves the cursor where it was (more records share one timestamp than one page can carry), or whose
/// dates move backwards. Records outside the window asked for (before the cursor date of a <c>newer</c> list, after it
/// of an <c>older</c> one) were yielded by an earlier page and are dropped.
/// </remarks>
internal static class DateCursorPaging
{
    public const int DefaultPageSize = 50;

    /// <param name="start">The date of the first request, or null to leave it to the service.</param>
    /// <param name="direction"><c>older</c> or <c>newer</c>.</param>
    /// <param name="pageSize">Items per page.</param>
    /// <param name="maxPageSize">The endpoint's largest <c>limit</c>.</param>
    /// <param name="fetch">Fetches the items from a date (null on a first request without a date) with a limit.</param>
    /// <param name="key">The item id.</param>
    /// <param name="timestamp">The item's date on the cursor's axis (<c>created_at</c> or <c>last_updated_at</c>).</param>
    public static CarbonVoicePageable<T> Create<T>(
        DateTimeOffset? start,
        string direction,
        int pageSize,
        int maxPageSize,
        Func<DateTimeOffset?, int, CancellationToken, Task<IReadOnlyList<T>>> fetch,
        Func<T, string> key,
        Func<T, DateTimeOffset?> timestamp)
    {
        ValidatePageSize(pageSize, maxPageSize, nameof(pageSize));
        return new PagedSource<T>(
            async (token, sizeHint, cancellationToken) =>
            {
                var size = sizeHint ?? pageSize;
                ValidatePageSize(size, maxPageSize, "pageSizeHint");
                var state = token is null ? null : DateCursorToken.Decode(token);
                var date = state?.Date ?? start;
                var seen = new HashSet<string>(state?.SeenIds ?? [], StringComparer.Ordinal);
                var limit = Math.Min(maxPageSize, size + seen.Count);

                var raw = await fetch(date, limit, cancellationToken).ConfigureAwait(false);
                var fresh = seen.Count == 0 && date is null ? raw : raw.Where(item => IsNew(item, date, seen, direction, key, timestamp)).ToList();
                if (raw.Count == 0 || fresh.Count == 0)
                {
                    return new CarbonVoicePage<T>(fresh, null);
                }

                var last = raw.Select(timestamp).LastOrDefault(value => value is not null);
                if (last is not { } lastDate || (date is { } current && !Advances(direction, current, lastDate)))
                {
                    return new CarbonVoicePage<T>(fresh, null);
                }

                var nextSeen = new HashSet<string>(StringComparer.Ordinal);
                if (lastDate == date)
                {
                    nextSeen.UnionWith(seen);
                }

                foreach (var item in raw)
                {
                    if (timestamp(item) == lastDate && key(item) is { } id)
                    {
                        nextSeen.Add(id);
                    }
                }

                var next = DateCursorToken.Encode(new DateCursorState(lastDate, nextSeen));
                return new CarbonVoicePage<T>(fresh, next == token ? null : next);
            },
            item => VersionKey(key(item), timestamp(item)));
    }

    /// <summary>Checks a direction and returns it in lower case; null means <c>older</c>.</summary>
    public static string NormalizeDirection(string? direction, string parameterName)
    {
        if (direction is null || string.Equals(direction, MessageDirections.Older, StringComparison.OrdinalIgnoreCase))
        {
            return MessageDirections.Older;
        }

        if (string.Equals(direction, MessageDirections.Newer, StringComparison.OrdinalIgnoreCase))
        {
            return MessageDirections.Newer;
        }

        throw new ArgumentException($"The direction must be '{MessageDirections.Older}' or '{MessageDirections.Newer}', not '{direction}'.", parameterName);
    }

    public static void ValidatePageSize(int pageSize, int maxPageSize, string parameterName)
    {
        if (pageSize < 1 || pageSize > maxPageSize)
        {
            throw new ArgumentOutOfRangeException(parameterName, pageSize, $"The page size must be between 1 and {maxPageSize}.");
        }
    }

    /// <summary>
    /// Whether a record of the page is one not yielded yet: inside the inclusive window the request asked for (a record
    /// on the wrong side of the cursor date belongs to an earlier page), and not one of the ids already yielded at exactly
    /// that date.
    /// </summary>
    private static bool IsNew<T>(T item, DateTimeOffset? date, HashSet<string> seen, string direction, Func<T, string> key, Func<T, DateTimeOffset?> timestamp)
    {
        if (date is not { } cursor || timestamp(item) is not { } at)
        {
            return true;
        }

        if (direction == MessageDirections.Newer ? at < cursor : at > cursor)
        {
            return false;
        }

        return !(at == cursor && seen.Contains(key(item)));
    }

    /// <summary>
    /// The de-duplication key across page boundaries: the id plus the cursor timestamp, so a record repeated as is is
    /// yielded once, while a newer version of it (edited, reacted to or deleted meanwhile, on <c>last_updated_at</c>
    /// lists) still comes through.
    /// </summary>
    private static string? VersionKey(string? id, DateTimeOffset? timestamp)
        => id is null ? null : string.Concat(id, "|", timestamp?.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static bool Advances(string direction, DateTimeOffset current, DateTimeOffset last)
        => direction == MessageDirections.Newer ? last >= current : last <= current;
}
