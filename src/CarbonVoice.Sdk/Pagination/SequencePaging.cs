using System.Globalization;

namespace CarbonVoice.Sdk.Internal;

/// <summary>
/// Paging over sequence windows (<c>/v3/messages/{channel_id}/sequential/{start}/{stop}</c>, both inclusive): windows of
/// the page size from the start sequence. With an end sequence every window up to it is read, even empty ones (a run of
/// deleted messages); without one the list ends at the first empty window. The continuation token is the next start.
/// </summary>
internal static class SequencePaging
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 500;

    public static CarbonVoicePageable<T> Create<T>(
        int startSequence,
        int? endSequence,
        int pageSize,
        Func<int, int, CancellationToken, Task<IReadOnlyList<T>>> fetchWindow,
        Func<T, string?> key)
    {
        Validate(startSequence, endSequence, pageSize);
        return new PagedSource<T>(
            async (token, sizeHint, cancellationToken) =>
            {
                var size = sizeHint ?? pageSize;
                ValidatePageSize(size, "pageSizeHint");
                var start = token is null ? startSequence : ParseToken(token);
                if (endSequence is { } last && start > last)
                {
                    return new CarbonVoicePage<T>([], null);
                }

                var stop = (int)Math.Min((long)start + size - 1, endSequence ?? int.MaxValue);
                var items = await fetchWindow(start, stop, cancellationToken).ConfigureAwait(false);
                var more = endSequence is { } end ? stop < end : items.Count > 0 && stop < int.MaxValue;
                return new CarbonVoicePage<T>(items, more ? (stop + 1).ToString(CultureInfo.InvariantCulture) : null);
            },
            key);
    }

    public static void Validate(int startSequence, int? endSequence, int pageSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(startSequence, 1);
        if (endSequence is { } end)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(end, startSequence, nameof(endSequence));
        }

        ValidatePageSize(pageSize, nameof(pageSize));
    }

    public static void ValidatePageSize(int pageSize, string parameterName)
    {
        if (pageSize < 1 || pageSize > MaxPageSize)
        {
            throw new ArgumentOutOfRangeException(parameterName, pageSize, $"The window size must be between 1 and {MaxPageSize} (100–500 recommended).");
        }
    }

    private static int ParseToken(string token)
        => int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var start) && start >= 1
            ? start
            : throw new ArgumentException("The continuation token was not issued by this list (expected a sequence number).", nameof(token));
}
