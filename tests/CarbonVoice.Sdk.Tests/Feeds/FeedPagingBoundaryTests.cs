using CarbonVoice.Sdk.Internal;

namespace CarbonVoice.Sdk.Tests.Feeds;

/// <summary>The edges of v6 feed paging: page-size limits, rows without ids, a missing <c>has_more</c>, and which rows a token remembers.</summary>
public sealed class FeedPagingBoundaryTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(1)]
    [InlineData(200)]
    public async Task The_page_sizes_1_and_200_are_sent_as_asked(int size)
    {
        var api = new FeedFakeApi();
        api.Rows.Add(new FeedRow("m1", T0, T0));
        using var client = api.Client();

        await client.Messages.ListUpdatesAsync(new MessageFeedOptions { Since = T0, PageSize = size }).ToListAsync();

        Assert.Equal(size.ToString(System.Globalization.CultureInfo.InvariantCulture), Assert.Single(api.Requests).Query["limit"]);
    }

    [Fact]
    public void A_refused_page_size_names_the_range_and_the_field()
    {
        using var client = new FeedFakeApi().Client();

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => client.Messages.ListUpdatesAsync(new MessageFeedOptions { PageSize = 201 }));

        Assert.Equal("options.PageSize", error.ParamName);
        Assert.Contains("between 1 and 200", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Has_more_without_a_cursor_and_a_repeated_cursor_say_which_it_was()
    {
        var missing = new FeedFakeApi { Override = _ => FeedFakeApi.Error(200, """{"data": [{"id": "a"}], "has_more": true, "next_cursor": null}""") };
        using var first = missing.Client();
        var noCursor = await Assert.ThrowsAsync<CarbonVoiceMalformedResponseException>(() => first.Messages.ListUpdatesAsync().ToListAsync());
        Assert.Contains("no next_cursor", noCursor.Message, StringComparison.Ordinal);

        var repeated = new FeedFakeApi { Override = _ => FeedFakeApi.Error(200, """{"data": [{"id": "a"}], "has_more": true, "next_cursor": "same"}""") };
        using var second = repeated.Client();
        var loop = await Assert.ThrowsAsync<CarbonVoiceMalformedResponseException>(() => second.Messages.ListUpdatesAsync().AsPages("same").ToListAsync().AsTask());
        Assert.Contains("returned the cursor it was asked for", loop.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rows_without_an_id_are_yielded_not_dropped()
    {
        var api = new FeedFakeApi { Override = _ => FeedFakeApi.Error(200, """{"data": [{"id": null}, {"id": "a"}, {"id": ""}], "has_more": false, "next_cursor": null}""") };
        using var client = api.Client();

        var rows = await client.Messages.ListUpdatesAsync().ToListAsync();

        Assert.Equal(3, rows.Count);
        Assert.Equal("a", rows[1].Id);
    }

    [Fact]
    public async Task Without_has_more_a_new_cursor_on_a_page_with_rows_continues_and_an_echoed_one_ends()
    {
        var api = new FeedFakeApi
        {
            Override = request => request.Query.TryGetValue("cursor", out var cursor)
                ? cursor == "k1"
                    ? FeedFakeApi.Error(200, """{"data": [{"id": "b"}], "next_cursor": "k2"}""")
                    : FeedFakeApi.Error(200, """{"data": [{"id": "c"}], "next_cursor": "k2"}""")
                : FeedFakeApi.Error(200, """{"data": [{"id": "a"}], "next_cursor": "k1"}"""),
        };
        using var client = api.Client();

        var ids = await client.Messages.ListUpdatesAsync().Select(m => m.Id).ToListAsync();

        // a (→ k1), b (→ k2), c (k2 again: the cursor it was asked for, so the end, not a loop).
        Assert.Equal(["a", "b", "c"], ids);
        Assert.Equal(3, api.Requests.Count);
    }

    [Fact]
    public async Task Without_has_more_an_empty_page_or_a_page_without_cursor_ends_the_feed()
    {
        var empty = new FeedFakeApi { Override = _ => FeedFakeApi.Error(200, """{"data": [], "next_cursor": "k1"}""") };
        using var first = empty.Client();
        Assert.Empty(await first.Messages.ListUpdatesAsync().ToListAsync());
        Assert.Single(empty.Requests);

        var noCursor = new FeedFakeApi { Override = _ => FeedFakeApi.Error(200, """{"data": [{"id": "a"}]}""") };
        using var second = noCursor.Client();
        Assert.Single(await second.Messages.ListUpdatesAsync().ToListAsync());
        Assert.Single(noCursor.Requests);
    }

    [Fact]
    public async Task A_token_remembers_rows_up_to_10_s_before_the_last_one_and_no_earlier()
    {
        var api = new FeedFakeApi();
        api.Rows.Add(new FeedRow("early", T0, T0));
        api.Rows.Add(new FeedRow("edge", T0.AddSeconds(10), T0.AddSeconds(10)));
        api.Rows.Add(new FeedRow("last", T0.AddSeconds(20), T0.AddSeconds(20)));
        using var client = api.Client();

        var pages = await client.Messages.ListUpdatesAsync(new MessageFeedOptions { Since = T0 }).AsPages().ToListAsync();

        var seen = FeedCursorToken.Decode(pages[^1].ResumeToken).Seen;
        Assert.Equal(["edge", "last"], seen.Select(r => r.Id));
        Assert.Equal(T0.AddSeconds(10).UtcTicks, seen[0].PositionTicks);
        Assert.Equal(T0.AddSeconds(10).UtcTicks, seen[0].VersionTicks);
    }

    [Fact]
    public async Task A_token_keeps_the_newest_500_rows_of_its_window()
    {
        var api = new FeedFakeApi();
        for (var i = 0; i < 501; i++)
        {
            var at = T0.AddMilliseconds(i);
            api.Rows.Add(new FeedRow($"m{i:0000}", at, at));
        }

        using var client = api.Client();

        var pages = await client.Messages.ListUpdatesAsync(new MessageFeedOptions { Since = T0, PageSize = 200 }).AsPages().ToListAsync();

        var seen = FeedCursorToken.Decode(pages[^1].ResumeToken).Seen;
        Assert.Equal(FeedPaging.MaxRemembered, seen.Count);
        Assert.Equal("m0001", seen[0].Id);
        Assert.Equal("m0500", seen[^1].Id);
    }
}
