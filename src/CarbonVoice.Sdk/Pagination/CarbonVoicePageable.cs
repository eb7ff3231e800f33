namespace CarbonVoice.Sdk;

/// <summary>
/// A lazily fetched list: <c>await foreach</c> yields items one page at a time (only one page is held in memory),
/// and <see cref="AsPages"/> yields pages with a continuation token for callers that checkpoint between pages.
/// Items repeated across a page boundary (same id) are yielded once. Enumeration honours cancellation.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
public abstract class CarbonVoicePageable<T> : IAsyncEnumerable<T>
{
    /// <summary>For mocking and subclasses.</summary>
    protected CarbonVoicePageable()
    {
    }

    /// <summary>Enumerates the list page by page.</summary>
    /// <param name="continuationToken">A token from an earlier page to resume after it, or null to start at the beginning.</param>
    /// <param name="pageSizeHint">The page size to ask for, or null for the default.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    public abstract IAsyncEnumerable<CarbonVoicePage<T>> AsPages(string? continuationToken = null, int? pageSizeHint = null, CancellationToken cancellationToken = default);

    /// <inheritdoc />
    public virtual async IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        await foreach (var page in AsPages(null, null, cancellationToken).ConfigureAwait(false))
        {
            foreach (var item in page.Items)
            {
                yield return item;
            }
        }
    }

    /// <summary>Reads every item into a list. Prefer <c>await foreach</c> for long lists.</summary>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    public async Task<IReadOnlyList<T>> ToListAsync(CancellationToken cancellationToken = default)
    {
        var items = new List<T>();
        await foreach (var item in this.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            items.Add(item);
        }

        return items;
    }
}

/// <summary>Builds <see cref="CarbonVoicePageable{T}"/> instances, for example to fake paged results in tests.</summary>
public static class CarbonVoicePageable
{
    /// <summary>A pageable over the given pages; continuation tokens are the page indexes.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="pages">The pages, in order.</param>
    public static CarbonVoicePageable<T> FromPages<T>(params IEnumerable<T>[] pages)
    {
        ArgumentNullException.ThrowIfNull(pages);
        var snapshot = pages.Select(page => (IReadOnlyList<T>)page.ToList()).ToList();
        return new Internal.PagedSource<T>((token, _, _) =>
        {
            var index = token is null ? 0 : int.Parse(token, System.Globalization.CultureInfo.InvariantCulture);
            var items = index < snapshot.Count ? snapshot[index] : [];
            var next = index + 1 < snapshot.Count ? (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
            return Task.FromResult(new CarbonVoicePage<T>(items, next));
        });
    }

    /// <summary>A pageable over a list, cut into pages of <paramref name="pageSize"/> items.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="items">The items.</param>
    /// <param name="pageSize">The page size.</param>
    public static CarbonVoicePageable<T> FromItems<T>(IEnumerable<T> items, int pageSize = 100)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var chunks = items.Chunk(pageSize).Select(chunk => (IEnumerable<T>)chunk).ToArray();
        return FromPages(chunks.Length == 0 ? [[]] : chunks);
    }

    /// <summary>A pageable that fetches each page with a delegate: the building block of custom or decorated lists.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="fetchPage">Fetches the page after a continuation token (null for the first) with an optional page size.</param>
    public static CarbonVoicePageable<T> Create<T>(Func<string?, int?, CancellationToken, Task<CarbonVoicePage<T>>> fetchPage)
        => new Internal.PagedSource<T>(fetchPage);
}
