using CarbonVoice.Sdk.Internal;

namespace CarbonVoice.Sdk.Tests.Pagination;

/// <summary>The pageable factories and the de-duplication window refuse what cannot work, and fake lists page as given.</summary>
public class PageableArgumentTests
{
    [Fact]
    public void A_window_or_capacity_below_one_is_refused()
    {
        Assert.Equal("window", Assert.Throws<ArgumentOutOfRangeException>(() => { _ = new PagedSource<string>((_, _, _) => Task.FromResult(new CarbonVoicePage<string>([], null)), window: 0); }).ParamName);
        Assert.Equal("capacity", Assert.Throws<ArgumentOutOfRangeException>(() => { _ = new RecentKeys(0); }).ParamName);
    }

    [Fact]
    public void Fake_lists_refuse_missing_pages_items_and_page_sizes_below_one()
    {
        Assert.Equal("pages", Assert.Throws<ArgumentNullException>(() => { _ = CarbonVoicePageable.FromPages<int>(null!); }).ParamName);
        Assert.Equal("items", Assert.Throws<ArgumentNullException>(() => { _ = CarbonVoicePageable.FromItems<int>(null!); }).ParamName);
        Assert.Equal("pageSize", Assert.Throws<ArgumentOutOfRangeException>(() => { _ = CarbonVoicePageable.FromItems([1], pageSize: 0); }).ParamName);
    }

    [Fact]
    public async Task Fake_lists_page_as_given_and_an_empty_one_is_a_single_empty_page()
    {
        var pages = await CarbonVoicePageable.FromItems([1, 2, 3], pageSize: 2).AsPages().ToListAsync();
        var empty = await CarbonVoicePageable.FromItems(Array.Empty<int>()).AsPages().ToListAsync();

        Assert.Equal([[1, 2], [3]], pages.Select(p => p.Items.ToArray()));
        Assert.Equal(["1", null], pages.Select(p => p.ContinuationToken));
        Assert.Empty(Assert.Single(empty).Items);
        Assert.Empty((await CarbonVoicePageable.FromPages([1], [2]).AsPages("5").SingleAsync()).Items);
    }
}
