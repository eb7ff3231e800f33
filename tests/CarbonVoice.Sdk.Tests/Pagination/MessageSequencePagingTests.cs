namespace CarbonVoice.Sdk.Tests.Pagination;

/// <summary>Sequence-window paging (<c>/v3/messages/{channel_id}/sequential/{start}/{stop}</c>).</summary>
public sealed class MessageSequencePagingTests
{
    private static readonly DateTimeOffset T0 = new(2026, 2, 3, 9, 0, 0, TimeSpan.Zero);

    private static MessagesFakeApi WithSequences(IEnumerable<int> sequences)
    {
        var api = new MessagesFakeApi();
        foreach (var sequence in sequences)
        {
            api.Messages.Add(new FakeMessage($"s{sequence:0000}", T0.AddSeconds(sequence), Sequence: sequence));
        }

        return api;
    }

    private static List<string> Windows(MessagesFakeApi api)
        => [.. api.Requests.Select(r => r.Path["/v3/messages/c1/sequential/".Length..])];

    [Theory]
    [InlineData(0, new[] { "1/100" })]
    [InlineData(1, new[] { "1/100", "101/200" })]
    [InlineData(100, new[] { "1/100", "101/200" })]
    [InlineData(250, new[] { "1/100", "101/200", "201/300", "301/400" })]
    public async Task Windows_of_100_read_every_message_and_stop_at_the_first_empty_window(int count, string[] expectedWindows)
    {
        var api = WithSequences(Enumerable.Range(1, count));
        using var client = api.Client();

        var messages = await client.Messages.ListSequentialAsync("c1").ToListAsync();

        Assert.Equal(Enumerable.Range(1, count).Select(n => $"s{n:0000}"), messages.Select(m => m.Id));
        Assert.Equal(expectedWindows, Windows(api));
        Assert.All(api.Requests, r => Assert.Equal(HttpMethod.Get, r.Method));
    }

    [Fact]
    public async Task Pages_carry_the_next_start_sequence_as_continuation_token()
    {
        var api = WithSequences(Enumerable.Range(1, 250));
        using var client = api.Client();

        var pages = new List<CarbonVoicePage<LegacyMessage>>();
        await foreach (var page in client.Messages.ListSequentialAsync("c1").AsPages())
        {
            pages.Add(page);
        }

        Assert.Equal(["101", "201", "301", null], pages.Select(p => p.ContinuationToken));
        Assert.Equal([100, 100, 50, 0], pages.Select(p => p.Items.Count));
    }

    [Fact]
    public async Task Resuming_from_a_token_starts_at_that_sequence()
    {
        var api = WithSequences(Enumerable.Range(1, 250));
        using var client = api.Client();

        var messages = new List<LegacyMessage>();
        await foreach (var page in client.Messages.ListSequentialAsync("c1").AsPages("201"))
        {
            messages.AddRange(page.Items);
        }

        Assert.Equal(50, messages.Count);
        Assert.Equal(["201/300", "301/400"], Windows(api));
    }

    [Fact]
    public async Task With_an_end_sequence_empty_windows_are_crossed_up_to_the_end()
    {
        // 51–150 were deleted: two empty windows of 50 in the middle.
        var api = WithSequences(Enumerable.Range(1, 50).Concat(Enumerable.Range(151, 30)));
        using var client = api.Client();

        var messages = await client.Messages.ListSequentialAsync("c1", new SequentialListOptions { PageSize = 50, EndSequence = 190 }).ToListAsync();

        Assert.Equal(80, messages.Count);
        Assert.Equal(["1/50", "51/100", "101/150", "151/190"], Windows(api));
    }

    [Fact]
    public async Task Without_an_end_sequence_the_first_empty_window_ends_the_list()
    {
        var api = WithSequences(Enumerable.Range(1, 50).Concat(Enumerable.Range(151, 30)));
        using var client = api.Client();

        var messages = await client.Messages.ListSequentialAsync("c1", new SequentialListOptions { PageSize = 50 }).ToListAsync();

        Assert.Equal(50, messages.Count);
        Assert.Equal(["1/50", "51/100"], Windows(api));
    }

    [Fact]
    public async Task The_start_sequence_and_page_size_are_honoured()
    {
        var api = WithSequences(Enumerable.Range(1, 1000));
        using var client = api.Client();

        var messages = await client.Messages.ListSequentialAsync("c1", new SequentialListOptions { StartSequence = 300, PageSize = 500, EndSequence = 1000 }).ToListAsync();

        Assert.Equal(701, messages.Count);
        Assert.Equal(["300/799", "800/1000"], Windows(api));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(501)]
    [InlineData(-5)]
    public void A_window_size_outside_1_to_500_is_rejected(int pageSize)
    {
        using var client = new MessagesFakeApi().Client();

        Assert.Throws<ArgumentOutOfRangeException>(() => client.Messages.ListSequentialAsync("c1", new SequentialListOptions { PageSize = pageSize }));
    }

    [Fact]
    public void Invalid_sequence_ranges_are_rejected()
    {
        using var client = new MessagesFakeApi().Client();

        Assert.Throws<ArgumentOutOfRangeException>(() => client.Messages.ListSequentialAsync("c1", new SequentialListOptions { StartSequence = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => client.Messages.ListSequentialAsync("c1", new SequentialListOptions { StartSequence = 10, EndSequence = 9 }));
        Assert.Throws<ArgumentException>(() => client.Messages.ListSequentialAsync(" "));
    }

    [Fact]
    public async Task Stopping_after_the_first_item_requests_only_the_first_window()
    {
        var api = WithSequences(Enumerable.Range(1, 250));
        using var client = api.Client();

        await foreach (var message in client.Messages.ListSequentialAsync("c1"))
        {
            Assert.Equal("s0001", message.Id);
            break;
        }

        Assert.Single(api.Requests);
    }

    [Fact]
    public async Task A_foreign_continuation_token_is_rejected()
    {
        using var client = new MessagesFakeApi().Client();

        await Assert.ThrowsAsync<ArgumentException>(async () =>
        {
            await foreach (var page in client.Messages.ListSequentialAsync("c1").AsPages("abc"))
            {
                Assert.Fail("No page expected.");
            }
        });
    }
}
