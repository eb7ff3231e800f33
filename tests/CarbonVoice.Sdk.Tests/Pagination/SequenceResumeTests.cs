using CarbonVoice.Sdk.Internal;

namespace CarbonVoice.Sdk.Tests.Pagination;

/// <summary>Sequence windows: resuming at the end sequence and the page size hint of <c>AsPages</c>.</summary>
public class SequenceResumeTests
{
    private readonly List<(int Start, int Stop)> _windows = [];

    [Fact]
    public async Task Resuming_at_the_end_sequence_reads_that_last_message()
    {
        var pageable = Messages(start: 1, end: 10, pageSize: 5);

        var pages = await pageable.AsPages("10").ToListAsync();

        var page = Assert.Single(pages);
        Assert.Equal([10], page.Items);
        Assert.Null(page.ContinuationToken);
        Assert.Equal([(10, 10)], _windows);
    }

    [Fact]
    public async Task Resuming_after_the_end_sequence_reads_nothing()
    {
        var pageable = Messages(start: 1, end: 10, pageSize: 5);

        var page = Assert.Single(await pageable.AsPages("11").ToListAsync());

        Assert.Empty(page.Items);
        Assert.Empty(_windows);
    }

    [Fact]
    public async Task The_page_size_hint_sets_the_window_size()
    {
        var pageable = Messages(start: 1, end: 7, pageSize: 5);

        var pages = await pageable.AsPages(pageSizeHint: 3).ToListAsync();

        Assert.Equal([(1, 3), (4, 6), (7, 7)], _windows);
        Assert.Equal(["4", "7", null], pages.Select(p => p.ContinuationToken));
        Assert.Equal(Enumerable.Range(1, 7), pages.SelectMany(p => p.Items));
    }

    [Fact]
    public async Task Without_a_hint_the_window_is_the_page_size()
    {
        var pageable = Messages(start: 3, end: 12, pageSize: 5);

        await pageable.ToListAsync();

        Assert.Equal([(3, 7), (8, 12)], _windows);
    }

    [Fact]
    public async Task A_page_size_hint_above_the_maximum_is_rejected()
    {
        var pageable = Messages(start: 1, end: 7, pageSize: 5);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => pageable.AsPages(pageSizeHint: SequencePaging.MaxPageSize + 1).ToListAsync().AsTask());
    }

    /// <summary>Sequences <paramref name="start"/>..<paramref name="end"/> exist; each window returns its sequence numbers.</summary>
    private CarbonVoicePageable<int> Messages(int start, int end, int pageSize)
        => SequencePaging.Create(
            start,
            end,
            pageSize,
            (from, to, _) =>
            {
                _windows.Add((from, to));
                return Task.FromResult<IReadOnlyList<int>>([.. Enumerable.Range(from, to - from + 1)]);
            },
            n => n.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
