using System.Net;
using System.Text.Json.Nodes;
using CarbonVoice.Sdk.Internal;

namespace CarbonVoice.Sdk.Tests.Pagination;

/// <summary>Date-cursor paging (<c>/v3/messages/recent</c>, <c>/notified</c>, <c>/{channel_id}/by-id</c>): inclusive cursors, shared boundary timestamps, resumable tokens.</summary>
public sealed class MessageDateCursorPagingTests
{
    private static readonly DateTimeOffset T0 = new(2026, 2, 3, 9, 0, 0, TimeSpan.Zero);

    /// <summary>12 messages where several share a timestamp: 1 at +0s, 3 at +1s, 2 at +2s, 4 at +3s, 1 at +4s, 1 at +5s.</summary>
    private static MessagesFakeApi WithTies()
    {
        var api = new MessagesFakeApi();
        var groups = new[] { 1, 3, 2, 4, 1, 1 };
        var n = 0;
        for (var second = 0; second < groups.Length; second++)
        {
            for (var i = 0; i < groups[second]; i++)
            {
                n++;
                api.Messages.Add(new FakeMessage($"m{n:00}", T0.AddSeconds(second), T0.AddMinutes(10).AddSeconds(second), Sequence: n));
            }
        }

        return api;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(50)]
    public async Task Recent_newer_yields_every_message_once_in_order_when_records_share_the_boundary_timestamp(int pageSize)
    {
        var api = WithTies();
        using var client = api.Client();

        var ids = await Ids(client.Messages.ListRecentAsync(new RecentMessagesOptions { Date = T0, Direction = MessageDirections.Newer, PageSize = pageSize }));

        Assert.Equal(api.Messages.Select(m => m.Id), ids);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task Recent_older_yields_every_message_once_newest_first(int pageSize)
    {
        var api = WithTies();
        using var client = api.Client();

        var ids = await Ids(client.Messages.ListRecentAsync(new RecentMessagesOptions { Date = T0.AddHours(1), PageSize = pageSize }));

        var expected = api.Messages.OrderByDescending(m => m.CreatedAt).ThenBy(m => m.Id, StringComparer.Ordinal).Select(m => m.Id);
        Assert.Equal(expected, ids);
        Assert.All(api.Requests, r => Assert.Equal("older", (string?)r.Json["direction"]));
    }

    [Fact]
    public async Task The_next_request_starts_at_the_last_timestamp_and_asks_for_the_page_plus_the_ids_already_seen_there()
    {
        var api = WithTies();
        using var client = api.Client();

        await Ids(client.Messages.ListRecentAsync(new RecentMessagesOptions { Date = T0, Direction = MessageDirections.Newer, PageSize = 3 }));

        var requests = api.To("v3/messages/recent");
        // Page 1 from T0 (limit 3): m01 (+0s), m02, m03 (+1s) → next from +1s with 2 ids seen there: limit 3 + 2.
        Assert.Equal(MessagesFakeApi.Iso(T0), (string?)requests[0].Json["date"]);
        Assert.Equal(3, (int)requests[0].Json["limit"]!);
        Assert.Equal(MessagesFakeApi.Iso(T0.AddSeconds(1)), (string?)requests[1].Json["date"]);
        Assert.Equal(5, (int)requests[1].Json["limit"]!);
        Assert.All(requests, r => Assert.Equal("newer", (string?)r.Json["direction"]));
    }

    [Fact]
    public async Task Use_last_updated_pages_on_last_updated_at()
    {
        var api = new MessagesFakeApi();
        // Created in one order, updated in the reverse order, two sharing an update time.
        api.Messages.Add(new FakeMessage("a", T0, T0.AddMinutes(3)));
        api.Messages.Add(new FakeMessage("b", T0.AddSeconds(1), T0.AddMinutes(2)));
        api.Messages.Add(new FakeMessage("c", T0.AddSeconds(2), T0.AddMinutes(1)));
        api.Messages.Add(new FakeMessage("d", T0.AddSeconds(3), T0.AddMinutes(1)));
        using var client = api.Client();

        var ids = await Ids(client.Messages.ListRecentAsync(new RecentMessagesOptions { Date = T0, Direction = MessageDirections.Newer, PageSize = 1, UseLastUpdated = true }));

        Assert.Equal(["c", "d", "b", "a"], ids);
        Assert.All(api.Requests, r => Assert.True((bool)r.Json["use_last_updated"]!));
        Assert.Equal(MessagesFakeApi.Iso(T0.AddMinutes(1)), (string?)api.Requests.ElementAt(1).Json["date"]);
    }

    [Fact]
    public async Task By_channel_pages_with_query_parameters_and_starts_without_a_date()
    {
        var api = WithTies();
        api.Messages.Add(new FakeMessage("other", T0.AddSeconds(2), Channel: "c2"));
        using var client = api.Client();

        var ids = await Ids(client.Messages.ListByChannelAsync("c1", new DateCursorOptions { PageSize = 2 }));

        var expected = api.Messages.Where(m => m.Channel == "c1").OrderByDescending(m => m.CreatedAt).ThenBy(m => m.Id, StringComparer.Ordinal).Select(m => m.Id);
        Assert.Equal(expected, ids);
        var requests = api.To("v3/messages/c1/by-id");
        Assert.False(requests[0].Query.ContainsKey("date"));
        Assert.Equal("2", requests[0].Query["limit"]);
        Assert.Equal("older", requests[0].Query["direction"]);
        Assert.Equal(MessagesFakeApi.Iso(T0.AddSeconds(4)), requests[1].Query["date"]);
    }

    [Fact]
    public async Task Notified_pages_newer_on_last_updated_and_reports_deletions()
    {
        var api = new MessagesFakeApi();
        api.Messages.Add(new FakeMessage("kept", T0, T0.AddMinutes(1)));
        api.Messages.Add(new FakeMessage("gone", T0, T0.AddMinutes(1), Deleted: true));
        api.Messages.Add(new FakeMessage("edited", T0, T0.AddMinutes(2)));
        api.Messages.Add(new FakeMessage("before", T0, T0.AddSeconds(-1)));
        using var client = api.Client();

        var messages = await client.Messages.ListNotifiedAsync(T0, new NotifiedMessagesOptions { PageSize = 1 }).ToListAsync();

        Assert.Equal(["gone", "kept", "edited"], messages.Select(m => m.Id));
        var gone = messages[0];
        Assert.Equal("deleted", gone.Status);
        Assert.Equal(T0.AddMinutes(1), gone.DeletedAt);
        Assert.All(api.Requests, r =>
        {
            Assert.Equal("/v3/messages/notified", r.Path);
            Assert.Equal("newer", (string?)r.Json["direction"]);
            Assert.True((bool)r.Json["use_last_updated"]!);
        });
    }

    [Fact]
    public async Task Notified_yields_a_newer_version_of_a_message_seen_on_the_previous_page_but_not_an_identical_repeat()
    {
        var api = new MessagesFakeApi();
        var first = new JsonArray(
            MessagesFakeApi.Legacy(new FakeMessage("x", T0, T0.AddMinutes(1))),
            MessagesFakeApi.Legacy(new FakeMessage("y", T0, T0.AddMinutes(2)))).ToJsonString();
        // x was edited while the first page was processed; y comes again unchanged at the boundary.
        var second = new JsonArray(
            MessagesFakeApi.Legacy(new FakeMessage("y", T0, T0.AddMinutes(2))),
            MessagesFakeApi.Legacy(new FakeMessage("x", T0, T0.AddMinutes(3)))).ToJsonString();
        api.Override = request => MessagesFakeApi.JsonResponse(HttpStatusCode.OK, (string?)request.Json["date"] == MessagesFakeApi.Iso(T0) ? first : second);
        using var client = api.Client();

        var messages = await client.Messages.ListNotifiedAsync(T0, new NotifiedMessagesOptions { PageSize = 2 }).ToListAsync();

        Assert.Equal([("x", T0.AddMinutes(1)), ("y", T0.AddMinutes(2)), ("x", T0.AddMinutes(3))], messages.Select(m => (m.Id, m.LastUpdatedAt!.Value)));
    }

    [Fact]
    public async Task A_saved_continuation_token_resumes_after_the_page_without_losing_or_repeating_shared_timestamps()
    {
        var api = WithTies();
        using var client = api.Client();
        var list = client.Messages.ListRecentAsync(new RecentMessagesOptions { Date = T0, Direction = MessageDirections.Newer, PageSize = 4 });

        // First run: read one page, keep its token (a checkpoint), stop.
        CarbonVoicePage<LegacyMessage>? first = null;
        await foreach (var page in list.AsPages())
        {
            first = page;
            break;
        }

        // m01 (+0s), m02-m04 (+1s): the page ends at +1s with three ids seen there.
        Assert.Equal(["m01", "m02", "m03", "m04"], first!.Items.Select(m => m.Id));
        Assert.NotNull(first.ContinuationToken);
        var state = DateCursorToken.Decode(first.ContinuationToken!);
        Assert.Equal(T0.AddSeconds(1), state.Date);
        Assert.Equal(["m02", "m03", "m04"], state.SeenIds.Order(StringComparer.Ordinal));

        // Second run, possibly in another process: resume from the token with a fresh client.
        using var resumed = api.Client();
        var rest = new List<string>();
        await foreach (var page in resumed.Messages.ListRecentAsync(new RecentMessagesOptions { Date = T0, Direction = MessageDirections.Newer, PageSize = 4 }).AsPages(first.ContinuationToken))
        {
            rest.AddRange(page.Items.Select(m => m.Id));
        }

        Assert.Equal(api.Messages.Skip(4).Select(m => m.Id), rest);
    }

    [Fact]
    public async Task A_full_page_of_already_seen_records_ends_the_list_instead_of_looping()
    {
        var api = new MessagesFakeApi();
        for (var i = 0; i < 100; i++)
        {
            api.Messages.Add(new FakeMessage($"same{i:000}", T0));
        }

        using var client = api.Client();

        var ids = await Ids(client.Messages.ListRecentAsync(new RecentMessagesOptions { Date = T0, Direction = MessageDirections.Newer, PageSize = 100 }));

        Assert.Equal(100, ids.Count);
        Assert.Equal(100, ids.Distinct().Count());
        Assert.Equal(2, api.Requests.Count);
    }

    [Fact]
    public async Task A_service_that_ignores_the_cursor_ends_the_list_instead_of_looping()
    {
        var api = new MessagesFakeApi();
        var page = new JsonArray(
            MessagesFakeApi.Legacy(new FakeMessage("x", T0)),
            MessagesFakeApi.Legacy(new FakeMessage("y", T0.AddSeconds(1)))).ToJsonString();
        api.Override = _ => MessagesFakeApi.JsonResponse(HttpStatusCode.OK, page);
        using var client = api.Client();

        var ids = await Ids(client.Messages.ListRecentAsync(new RecentMessagesOptions { Date = T0, Direction = MessageDirections.Newer, PageSize = 2 }));

        Assert.Equal(["x", "y"], ids);
        Assert.Equal(2, api.Requests.Count);
    }

    [Fact]
    public async Task A_short_page_does_not_end_the_list_but_a_page_with_nothing_new_does()
    {
        var api = WithTies();
        using var client = api.Client();

        var ids = await Ids(client.Messages.ListRecentAsync(new RecentMessagesOptions { Date = T0, Direction = MessageDirections.Newer, PageSize = 50 }));

        Assert.Equal(api.Messages.Select(m => m.Id), ids);
        Assert.Equal(2, api.Requests.Count);
    }

    [Theory]
    [InlineData(MessageDirections.Newer)]
    [InlineData(MessageDirections.Older)]
    public async Task A_service_that_caps_pages_at_37_while_100_are_asked_still_yields_every_message_once(string direction)
    {
        var api = new MessagesFakeApi { PageCap = 37 };
        for (var i = 0; i < 250; i++)
        {
            // Pairs of messages share a timestamp, so page boundaries fall inside ties too.
            api.Messages.Add(new FakeMessage($"m{i:000}", T0.AddSeconds(i / 2)));
        }

        using var client = api.Client();
        var start = direction == MessageDirections.Newer ? T0 : T0.AddHours(1);

        var ids = await Ids(client.Messages.ListRecentAsync(new RecentMessagesOptions { Date = start, Direction = direction, PageSize = 100 }));

        Assert.Equal(250, ids.Count);
        Assert.Equal(250, ids.Distinct().Count());
        Assert.All(api.Requests, r => Assert.True((int)r.Json["limit"]! >= 100));
        Assert.True(api.Requests.Count >= 250 / 37, $"{api.Requests.Count} requests");
    }

    [Fact]
    public async Task Stopping_after_the_first_item_requests_only_the_first_page()
    {
        var api = WithTies();
        using var client = api.Client();

        await foreach (var message in client.Messages.ListRecentAsync(new RecentMessagesOptions { Date = T0, Direction = MessageDirections.Newer, PageSize = 2 }))
        {
            Assert.Equal("m01", message.Id);
            break;
        }

        Assert.Single(api.Requests);
    }

    [Fact]
    public async Task Cancellation_stops_the_enumeration()
    {
        var api = WithTies();
        using var client = api.Client();
        using var cancellation = new CancellationTokenSource();
        var seen = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var message in client.Messages.ListRecentAsync(new RecentMessagesOptions { Date = T0, Direction = MessageDirections.Newer, PageSize = 2 }).WithCancellation(cancellation.Token))
            {
                seen++;
                if (seen == 2)
                {
                    await cancellation.CancelAsync();
                }
            }
        });

        Assert.Equal(2, seen);
        Assert.Single(api.Requests);
    }

    [Fact]
    public void Tokens_round_trip_and_foreign_tokens_are_rejected()
    {
        var state = new DateCursorState(T0.AddTicks(1234), ["a,b", "c|d"]);

        var decoded = DateCursorToken.Decode(DateCursorToken.Encode(state));

        Assert.Equal(state.Date, decoded.Date);
        Assert.Equal(state.SeenIds, decoded.SeenIds);
        Assert.Throws<ArgumentException>(() => DateCursorToken.Decode("not a token!"));
        Assert.Throws<ArgumentException>(() => DateCursorToken.Decode("e30"));
    }

    [Fact]
    public void Dates_are_sent_in_milliseconds_unless_finer()
    {
        Assert.Equal("2026-02-03T09:46:10.492Z", DateCursorToken.FormatDate(new DateTimeOffset(2026, 2, 3, 10, 46, 10, 492, TimeSpan.FromHours(1))));
        Assert.Equal("2026-02-03T09:00:00.0001234Z", DateCursorToken.FormatDate(T0.AddTicks(1234)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public void Recent_page_size_outside_1_to_100_is_rejected(int pageSize)
    {
        using var client = new MessagesFakeApi().Client();

        Assert.Throws<ArgumentOutOfRangeException>(() => client.Messages.ListRecentAsync(new RecentMessagesOptions { Date = T0, PageSize = pageSize }));
    }

    [Fact]
    public void An_unknown_direction_is_rejected()
    {
        using var client = new MessagesFakeApi().Client();

        Assert.Throws<ArgumentException>(() => client.Messages.ListByChannelAsync("c1", new DateCursorOptions { Direction = "sideways" }));
    }

    private static async Task<List<string>> Ids(CarbonVoicePageable<LegacyMessage> list)
        => [.. (await list.ToListAsync()).Select(m => m.Id)];
}
