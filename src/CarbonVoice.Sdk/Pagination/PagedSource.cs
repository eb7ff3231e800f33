using System.Runtime.CompilerServices;

namespace CarbonVoice.Sdk.Internal;

/// <summary>
/// The one pageable implementation: fetches pages with a delegate until the continuation token is null,
/// drops items whose key is among the last <see cref="RecentKeys.DefaultCapacity"/> keys yielded (records repeated on
/// the same page or on any of the pages before it, within that bound), and stops with a clear error when the service
/// returns a cursor that does not advance.
/// </summary>
/// <remarks>
/// The window is per enumeration and bounded (FIFO), so memory stays flat over a list of any length; a record repeated
/// after more than that many other keys is yielded again.
/// </remarks>
internal sealed class PagedSource<T> : CarbonVoicePageable<T>
{
    private readonly Func<string?, int?, CancellationToken, Task<CarbonVoicePage<T>>> _fetch;
    private readonly Func<T, string?>? _key;
    private readonly int _window;

    public PagedSource(Func<string?, int?, CancellationToken, Task<CarbonVoicePage<T>>> fetch, Func<T, string?>? key = null, int window = RecentKeys.DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(window);
        _fetch = fetch;
        _key = key;
        _window = window;
    }

    public override async IAsyncEnumerable<CarbonVoicePage<T>> AsPages(string? continuationToken = null, int? pageSizeHint = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var token = continuationToken;
        var seen = _key is null ? null : new RecentKeys(_window);
        do
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = await _fetch(token, pageSizeHint, cancellationToken).ConfigureAwait(false);
            if (page.ContinuationToken is not null && string.Equals(page.ContinuationToken, token, StringComparison.Ordinal))
            {
                throw new CarbonVoiceMalformedResponseException($"The list returned the cursor it was asked for ('{token}'); stopping instead of looping forever.");
            }

            var items = seen is null ? page.Items : Distinct(page.Items, seen);
            yield return ReferenceEquals(items, page.Items) ? page : page with { Items = items };
            token = page.ContinuationToken;
        }
        while (token is not null);
    }

    /// <summary>The page without the items whose key was seen before (on it or on an earlier page); the page itself when none was.</summary>
    private IReadOnlyList<T> Distinct(IReadOnlyList<T> items, RecentKeys seen)
    {
        List<T>? kept = null;
        for (var i = 0; i < items.Count; i++)
        {
            var key = _key!(items[i]);
            var duplicate = key is not null && !seen.Add(key);
            if (duplicate && kept is null)
            {
                // The first repeat: keep everything before it.
                kept = new List<T>(items.Count);
                for (var j = 0; j < i; j++)
                {
                    kept.Add(items[j]);
                }
            }
            else if (!duplicate)
            {
                kept?.Add(items[i]);
            }
        }

        return kept ?? items;
    }
}
