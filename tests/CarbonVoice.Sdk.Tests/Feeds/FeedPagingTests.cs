namespace CarbonVoice.Sdk.Tests.Feeds;

public sealed class FeedPagingTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static FeedFakeApi WithRows(int count, Func<int, DateTimeOffset>? updated = null, string conversation = "c1")
    {
        var api = new FeedFakeApi();
        for (var i = 0; i < count; i++)
        {
            var created = T0.AddSeconds(i);
            api.Rows.Add(new FeedRow($"m{i:0000}", created, updated?.Invoke(i) ?? created, conversation));
        }

        return api;
    }

    [Fact]
    public async Task The_first_page_is_anchored_by_date_and_later_pages_send_only_the_cursor()
    {
        var api = WithRows(5);
        using var client = api.Client();

        var ids = await client.Messages.ListUpdatesAsync(new MessageFeedOptions { Since = T0, PageSize = 2, ConversationId = "c1" }).Select(m => m.Id).ToListAsync();

        Assert.Equal(["m0000", "m0001", "m0002", "m0003", "m0004"], ids);
        var requests = api.Requests.ToList();
        Assert.Equal(3, requests.Count);
        Assert.All(requests, r =>
        {
            Assert.Equal("/v6/messages/updates", r.Path);
            Assert.Equal("newer", r.Query["direction"]);
            Assert.Equal("2", r.Query["limit"]);
            Assert.Equal("c1", r.Query["conversation_id"]);
            Assert.False(r.Query.ContainsKey("channel_id"));
        });
        Assert.Equal("2026-03-01T12:00:00.000Z", requests[0].Query["date"]);
        Assert.False(requests[0].Query.ContainsKey("cursor"));
        Assert.All(requests.Skip(1), r =>
        {
            Assert.False(r.Query.ContainsKey("date"));
            Assert.True(r.Query.ContainsKey("cursor"));
        });
    }

    [Fact]
    public async Task Short_pages_do_not_end_the_feed_only_has_more_false_does()
    {
        var api = WithRows(500);
        api.PageCap = 37;
        using var client = api.Client();

        var ids = await client.Messages.ListHistoryAsync(new MessageFeedOptions { ConversationId = "c1" }).Select(m => m.Id).ToListAsync();

        Assert.Equal(500, ids.Count);
        Assert.Equal(500, ids.Distinct().Count());
        Assert.Equal("m0499", ids[0]);
        Assert.Equal(14, api.Requests.Count);
        Assert.All(api.Requests, r => Assert.Equal("older", r.Query["direction"]));
    }

    [Fact]
    public async Task The_last_page_of_the_updates_feed_carries_a_resume_token_and_a_resumed_poll_yields_each_change_once()
    {
        var api = WithRows(30);
        using var client = api.Client();

        // First poll: everything; the resume token of the last page is what a sync persists.
        string? resume = null;
        var first = new List<string>();
        await foreach (var page in client.Messages.ListUpdatesAsync(new MessageFeedOptions { Since = T0, PageSize = 7 }).AsPages())
        {
            first.AddRange(page.Items.Select(m => m.Id));
            Assert.Equal(page.HasMore, page.ContinuationToken is not null);
            resume = page.ResumeToken;
        }

        Assert.Equal(30, first.Count);
        Assert.NotNull(resume);

        // Meanwhile one message is edited and one new message arrives. The service re-delivers the last 4 s on resume.
        api.Rows[10] = api.Rows[10] with { UpdatedAt = T0.AddMinutes(5), Transcript = "edited words" };
        api.Rows.Add(new FeedRow("m-new", T0.AddMinutes(6), T0.AddMinutes(6)));
        api.Requests.Clear();

        var second = new List<MessageV6>();
        await foreach (var page in client.Messages.ListUpdatesAsync(new MessageFeedOptions { PageSize = 7 }).AsPages(resume))
        {
            second.AddRange(page.Items);
        }

        Assert.Equal(["m0010", "m-new"], second.Select(m => m.Id));
        Assert.Equal("edited words", second[0].Transcript);
        Assert.All(api.Requests, r => Assert.False(r.Query.ContainsKey("date")));
        var rawCursor = api.Requests.First().Query["cursor"];
        Assert.Equal(FeedFakeApi.Cursor(T0.AddSeconds(29) - FeedFakeApi.Redelivery, string.Empty), rawCursor);
    }

    [Fact]
    public async Task A_date_anchored_first_page_moved_back_4_s_yields_rows_inside_the_window_it_got()
    {
        var api = WithRows(10);
        using var client = api.Client();

        var ids = await client.Messages.ListUpdatesAsync(new MessageFeedOptions { Since = T0.AddSeconds(5) }).Select(m => m.Id).ToListAsync();

        // The service starts 4 s early: the SDK yields what it sends (the caller's store de-duplicates by content), once each.
        Assert.Equal(Enumerable.Range(1, 9).Select(i => $"m{i:0000}"), ids);
    }

    [Fact]
    public async Task A_bare_server_cursor_stored_elsewhere_resumes_the_feed()
    {
        var api = WithRows(10);
        using var client = api.Client();

        var ids = await client.Messages.ListUpdatesAsync().AsPages(FeedFakeApi.Cursor(T0.AddSeconds(6), "m0006")).SelectMany(p => p.Items.ToAsyncEnumerable()).Select(m => m.Id).ToListAsync();

        Assert.Equal(["m0007", "m0008", "m0009"], ids);
        Assert.Equal(FeedFakeApi.Cursor(T0.AddSeconds(6), "m0006"), api.Requests.Single().Query["cursor"]);
    }

    [Fact]
    public async Task An_empty_page_reached_by_cursor_ends_the_poll_and_keeps_the_resume_point()
    {
        var api = WithRows(3);
        using var client = api.Client();
        var cursor = FeedFakeApi.Cursor(T0.AddMinutes(10), "zzz");

        var pages = await client.Messages.ListUpdatesAsync().AsPages(cursor).ToListAsync();

        var page = Assert.Single(pages);
        Assert.Empty(page.Items);
        Assert.False(page.HasMore);
        Assert.NotNull(page.ResumeToken);

        // Resuming from it asks for the same cursor again (nothing was lost in between).
        api.Requests.Clear();
        await client.Messages.ListUpdatesAsync().AsPages(page.ResumeToken).ToListAsync();
        Assert.Equal(cursor, api.Requests.Single().Query["cursor"]);
    }

    [Fact]
    public async Task An_empty_date_anchored_page_has_no_resume_token()
    {
        var api = WithRows(3);
        using var client = api.Client();

        var page = Assert.Single(await client.Messages.ListUpdatesAsync(new MessageFeedOptions { Since = T0.AddDays(1) }).AsPages().ToListAsync());

        Assert.Empty(page.Items);
        Assert.Null(page.ResumeToken);
    }

    [Fact]
    public async Task An_undecodable_cursor_throws_the_invalid_cursor_exception()
    {
        var api = WithRows(3);
        using var client = api.Client();

        var error = await Assert.ThrowsAsync<CarbonVoiceInvalidCursorException>(() => client.Messages.ListUpdatesAsync().AsPages("garbage").ToListAsync().AsTask());

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal("Invalid cursor", error.ErrorMessage);
        Assert.IsAssignableFrom<CarbonVoiceValidationException>(error);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(201)]
    public async Task A_page_size_outside_1_to_200_is_refused_before_any_request(int size)
    {
        var api = WithRows(3);
        using var client = api.Client();

        Assert.Throws<ArgumentOutOfRangeException>(() => client.Messages.ListUpdatesAsync(new MessageFeedOptions { PageSize = size }));
        Assert.Throws<ArgumentOutOfRangeException>(() => client.Messages.ListHistoryAsync(new MessageFeedOptions { PageSize = size }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.Messages.ListUpdatesAsync().AsPages(null, size).ToListAsync().AsTask());
        Assert.Empty(api.Requests);
    }

    [Fact]
    public void A_direction_other_than_older_or_newer_is_refused()
    {
        using var client = new FeedFakeApi().Client();

        var error = Assert.Throws<ArgumentException>(() => client.Messages.ListHistoryAsync(new MessageFeedOptions { Direction = "sideways" }));

        Assert.Equal("options.Direction", error.ParamName);
    }

    [Fact]
    public async Task Has_more_without_a_next_cursor_is_a_malformed_response_not_a_silent_end()
    {
        var api = new FeedFakeApi { Override = _ => FeedFakeApi.Error(200, """{"data": [{"id": "a"}], "has_more": true, "next_cursor": null}""") };
        using var client = api.Client();

        await Assert.ThrowsAsync<CarbonVoiceMalformedResponseException>(() => client.Messages.ListUpdatesAsync().ToListAsync());
    }

    [Fact]
    public async Task Has_more_with_the_cursor_that_was_asked_for_stops_instead_of_looping()
    {
        var api = new FeedFakeApi { Override = _ => FeedFakeApi.Error(200, """{"data": [{"id": "a"}], "has_more": true, "next_cursor": "same"}""") };
        using var client = api.Client();

        await Assert.ThrowsAsync<CarbonVoiceMalformedResponseException>(() => client.Messages.ListUpdatesAsync().AsPages("same").ToListAsync().AsTask());
        Assert.Single(api.Requests);
    }

    [Fact]
    public async Task A_token_that_looks_like_the_sdks_own_but_is_corrupt_is_refused()
    {
        using var client = new FeedFakeApi().Client();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => client.Messages.ListUpdatesAsync().AsPages("cvf1.not-base64!").ToListAsync().AsTask());

        Assert.Equal("token", error.ParamName);
    }

    [Fact]
    public async Task Rows_re_delivered_on_resume_are_dropped_but_a_newer_version_of_one_comes_through()
    {
        // Ten rows inside the last 4 s; the resume cursor re-delivers all of them.
        var api = WithRows(10, i => T0.AddMilliseconds(i * 300));
        using var client = api.Client();
        var pages = await client.Messages.ListUpdatesAsync(new MessageFeedOptions { Since = T0 }).AsPages().ToListAsync();
        var resume = pages[^1].ResumeToken;
        api.Rows[3] = api.Rows[3] with { UpdatedAt = T0.AddSeconds(3) };

        var again = await client.Messages.ListUpdatesAsync().AsPages(resume).SelectMany(p => p.Items.ToAsyncEnumerable()).ToListAsync();

        var row = Assert.Single(again);
        Assert.Equal("m0003", row.Id);
        Assert.Equal(T0.AddSeconds(3), row.UpdatedAt);
    }
}
