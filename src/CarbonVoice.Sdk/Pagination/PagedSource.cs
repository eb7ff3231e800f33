using System.Runtime.CompilerServices;

namespace CarbonVoice.Sdk.Internal;

/// <summary>
/// The one pageable implementation: fetches pages with a delegate until the continuation token is null,
/// drops items whose key already appeared on the previous page (records repeated across a page boundary),
/// and stops with a clear error when the service returns a cursor that does not advance.
/// </summary>
internal sealed class PagedSource<T> : CarbonVoicePageable<T>
{
    private readonly Func<string?, int?, CancellationToken, Task<CarbonVoicePage<T>>> _fetch;
    private readonly Func<T, string?>? _key;

    public PagedSource(Func<string?, int?, CancellationToken, Task<CarbonVoicePage<T>>> fetch, Func<T, string?>? key = null)
    {
        _fetch = fetch;
        _key = key;
    }

    public override async IAsyncEnumerable<CarbonVoicePage<T>> AsPages(string? continuationToken = null, int? pageSizeHint = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var token = continuationToken;
        HashSet<string>? previousKeys = null;
        do
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = await _fetch(token, pageSizeHint, cancellationToken).ConfigureAwait(false);
            if (page.ContinuationToken is not null && string.Equals(page.ContinuationToken, token, StringComparison.Ordinal))
            {
                throw new CarbonVoiceMalformedResponseException($"The list returned the cursor it was asked for ('{token}'); stopping instead of looping forever.");
            }

            var items = _key is null ? page.Items : Distinct(page.Items, ref previousKeys);
            yield return ReferenceEquals(items, page.Items) ? page : page with { Items = items };
            token = page.ContinuationToken;
        }
        while (token is not null);
    }

    private IReadOnlyList<T> Distinct(IReadOnlyList<T> items, ref HashSet<string>? previousKeys)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        List<T>? kept = null;
        for (var i = 0; i < items.Count; i++)
        {
            var key = _key!(items[i]);
            var duplicate = key is not null && ((previousKeys?.Contains(key) ?? false) || !keys.Add(key));
            if (duplicate && kept is null)
            {
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

        previousKeys = keys;
        return kept ?? items;
    }
}
