using System.Globalization;
using CarbonVoice.Sdk.Internal;

namespace CarbonVoice.Sdk.Tests.Pagination;

/// <summary>Repeated records across page boundaries: a bounded window of recent keys, not just the previous page.</summary>
public class PagedSourceDeduplicationTests
{
    [Fact]
    public async Task A_record_repeated_two_pages_later_is_yielded_once()
    {
        var source = Pages(["a", "b"], ["c", "d"], ["a", "e"]);

        Assert.Equal(["a", "b", "c", "d", "e"], await source.ToListAsync());
    }

    [Fact]
    public async Task A_record_repeated_three_pages_later_is_yielded_once()
    {
        var source = Pages(["a", "b"], ["c"], ["d"], ["e", "b", "f"]);

        Assert.Equal(["a", "b", "c", "d", "e", "f"], await source.ToListAsync());
    }

    [Fact]
    public async Task A_repeat_after_the_first_item_of_a_page_keeps_the_items_before_it()
    {
        var source = Pages(["a", "b"], ["c", "d", "a", "e"]);

        var pages = await source.AsPages().ToListAsync();

        Assert.Equal(["c", "d", "e"], pages[1].Items);
    }

    [Fact]
    public async Task A_repeat_within_one_page_is_yielded_once()
    {
        var source = Pages(["a", "b", "a", "c", "b"]);

        Assert.Equal(["a", "b", "c"], await source.ToListAsync());
    }

    [Fact]
    public async Task Items_without_a_key_are_never_dropped()
    {
        var source = Pages([null, "a"], [null, "a", null]);

        Assert.Equal([null, "a", null, null], await source.ToListAsync());
    }

    [Fact]
    public async Task A_page_without_repeats_is_passed_through_unchanged()
    {
        var page = new CarbonVoicePage<string?>(["a", "b"], null);
        var source = new PagedSource<string?>((_, _, _) => Task.FromResult(page), key => key);

        Assert.Same(page, await source.AsPages().SingleAsync());
    }

    [Fact]
    public async Task The_window_is_bounded_a_repeat_beyond_it_is_yielded_again()
    {
        // Window 3: "a" is forgotten once three other keys came after it, "d" is still remembered.
        var source = Pages(window: 3, ["a", "b"], ["c", "d"], ["a", "d"]);

        Assert.Equal(["a", "b", "c", "d", "a"], await source.ToListAsync());
    }

    [Fact]
    public async Task The_default_window_remembers_a_few_thousand_keys_across_pages()
    {
        // 50 pages of 100: the first record comes back on the last page, 4,900 keys later.
        var pages = Enumerable.Range(0, 50).Select(p => Enumerable.Range(p * 100, 100).Select(Key).ToArray()).ToArray();
        pages[^1][^1] = Key(0);

        var items = await Pages(pages).ToListAsync();

        Assert.Equal(4_999, items.Count);
        Assert.Equal(items.Count, items.Distinct().Count());
    }

    [Fact]
    public void The_key_window_never_holds_more_than_its_capacity_over_a_long_list()
    {
        var window = new RecentKeys();

        for (var i = 0; i < 200_000; i++)
        {
            Assert.True(window.Add(Key(i)));
        }

        Assert.Equal(RecentKeys.DefaultCapacity, window.Count);
        Assert.False(window.Add(Key(199_999)));           // the newest are remembered
        Assert.True(window.Add(Key(0)));                  // the oldest were forgotten
        Assert.Equal(RecentKeys.DefaultCapacity, window.Count);
    }

    [Fact]
    public async Task Over_a_long_list_the_pageable_forgets_old_keys_instead_of_keeping_them_all()
    {
        // 2,000 pages of 100 distinct keys, then a key of the first page again: far beyond the window it was forgotten
        // (the window holds its bound, not 200,000 keys), so it is yielded again.
        const int Window = 1_000;
        var fetched = 0;
        var source = new PagedSource<string?>(
            (token, _, _) =>
            {
                var page = token is null ? 0 : int.Parse(token, CultureInfo.InvariantCulture);
                fetched++;
                var items = Enumerable.Range(page * 100, 100).Select(Key).ToList();
                if (page == 1_999)
                {
                    items.Add(Key(0));
                }

                return Task.FromResult(new CarbonVoicePage<string?>(items, page == 1_999 ? null : (page + 1).ToString(CultureInfo.InvariantCulture)));
            },
            key => key,
            Window);

        var count = 0;
        await foreach (var _ in source)
        {
            count++;
        }

        Assert.Equal(2_000, fetched);
        Assert.Equal(200_001, count);
    }

    private static string Key(int i) => "m" + i.ToString("D6", CultureInfo.InvariantCulture);

    private static PagedSource<string?> Pages(params string?[][] pages) => Pages(RecentKeys.DefaultCapacity, pages);

    private static PagedSource<string?> Pages(int window, params string?[][] pages)
        => new(
            (token, _, _) =>
            {
                var index = token is null ? 0 : int.Parse(token, CultureInfo.InvariantCulture);
                var next = index + 1 < pages.Length ? (index + 1).ToString(CultureInfo.InvariantCulture) : null;
                return Task.FromResult(new CarbonVoicePage<string?>(pages[index], next));
            },
            key => key,
            window);
}
