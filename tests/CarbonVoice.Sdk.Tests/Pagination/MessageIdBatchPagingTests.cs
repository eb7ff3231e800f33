using System.Net;

namespace CarbonVoice.Sdk.Tests.Pagination;

/// <summary>Id lists followed by batched <c>by-ids</c> reads (<see cref="IMessagesClient.ListAllAsync"/>, <see cref="IMessagesClient.GetByIdsAsync"/>).</summary>
public sealed class MessageIdBatchPagingTests
{
    private static readonly DateTimeOffset T0 = new(2026, 2, 3, 9, 0, 0, TimeSpan.Zero);

    private static MessagesFakeApi WithMessages(int count, string conversation = "c1")
    {
        var api = new MessagesFakeApi();
        for (var i = 1; i <= count; i++)
        {
            api.Messages.Add(new FakeMessage($"m{i:00000}", T0.AddSeconds(i), Sequence: i, Channel: conversation));
        }

        return api;
    }

    [Fact]
    public async Task List_all_reads_1200_messages_in_by_ids_batches_of_at_most_500_with_the_conversation_id()
    {
        var api = WithMessages(1200);
        using var client = api.Client();

        var messages = await client.Messages.ListAllAsync("c1", new MessageListAllOptions { IdsPageSize = 1000 }).ToListAsync();

        Assert.Equal(api.Messages.Select(m => m.Id), messages.Select(m => m.Id));
        var idPages = api.To("v5/conversations/c1/messages/ids");
        Assert.Equal(2, idPages.Count);
        Assert.Equal("1000", idPages[0].Query["limit"]);
        Assert.False(idPages[0].Query.ContainsKey("starting_after"));
        Assert.Equal("cur-1000", idPages[1].Query["starting_after"]);
        var batches = api.To("v5/messages/by-ids");
        Assert.Equal([500, 500, 200], batches.Select(b => b.Json["message_ids"]!.AsArray().Count));
        Assert.All(batches, b =>
        {
            Assert.Equal(HttpMethod.Post, b.Method);
            Assert.Equal("c1", (string?)b.Json["conversation_id"]);
        });
    }

    [Fact]
    public async Task List_all_batch_size_is_configurable_and_pages_follow_the_ids_cursor()
    {
        var api = WithMessages(250);
        using var client = api.Client();

        var pages = new List<CarbonVoicePage<Message>>();
        await foreach (var page in client.Messages.ListAllAsync("c1", new MessageListAllOptions { IdsPageSize = 100, BatchSize = 40 }).AsPages())
        {
            pages.Add(page);
        }

        Assert.Equal(["cur-100", "cur-200", null], pages.Select(p => p.ContinuationToken));
        Assert.Equal([100, 100, 50], pages.Select(p => p.Items.Count));
        Assert.Equal([40, 40, 20, 40, 40, 20, 40, 10], api.To("v5/messages/by-ids").Select(b => b.Json["message_ids"]!.AsArray().Count));
    }

    [Fact]
    public async Task List_all_resumes_from_the_ids_cursor()
    {
        var api = WithMessages(250);
        using var client = api.Client();

        var messages = new List<Message>();
        await foreach (var page in client.Messages.ListAllAsync("c1", new MessageListAllOptions { IdsPageSize = 100 }).AsPages("cur-200"))
        {
            messages.AddRange(page.Items);
        }

        Assert.Equal(api.Messages.Skip(200).Select(m => m.Id), messages.Select(m => m.Id));
    }

    [Fact]
    public async Task An_empty_conversation_sends_no_by_ids_request()
    {
        var api = WithMessages(0);
        using var client = api.Client();

        var messages = await client.Messages.ListAllAsync("c1").ToListAsync();

        Assert.Empty(messages);
        Assert.Single(api.Requests);
        Assert.Empty(api.To("v5/messages/by-ids"));
    }

    [Fact]
    public async Task An_id_repeated_across_an_ids_page_boundary_is_yielded_once()
    {
        var api = WithMessages(4);
        api.Override = request => request.Path.EndsWith("/messages/ids", StringComparison.Ordinal)
            ? MessagesFakeApi.JsonResponse(HttpStatusCode.OK, request.Query.ContainsKey("starting_after")
                ? """{"results": ["m00002", "m00003", "m00004"], "has_more": false, "next_cursor": null}"""
                : """{"results": ["m00001", "m00002"], "has_more": true, "next_cursor": "p2"}""")
            : null;
        using var client = api.Client();

        var messages = await client.Messages.ListAllAsync("c1").ToListAsync();

        Assert.Equal(["m00001", "m00002", "m00003", "m00004"], messages.Select(m => m.Id));
    }

    [Theory]
    [InlineData("""{"results": ["m00001"], "next_cursor": "p2"}""", 3)]
    [InlineData("""{"results": ["m00001"], "has_more": false, "next_cursor": "p2"}""", 1)]
    [InlineData("""["m00001"]""", 1)]
    public async Task The_ids_cursor_is_followed_unless_has_more_is_false(string firstPage, int expected)
    {
        var api = WithMessages(3);
        api.Override = request => request.Path.EndsWith("/messages/ids", StringComparison.Ordinal)
            ? MessagesFakeApi.JsonResponse(HttpStatusCode.OK, request.Query.ContainsKey("starting_after") ? """{"results": ["m00002", {"id": "m00003"}], "next_cursor": null}""" : firstPage)
            : null;
        using var client = api.Client();

        var messages = await client.Messages.ListAllAsync("c1").ToListAsync();

        Assert.Equal(expected, messages.Count);
    }

    [Fact]
    public async Task Stopping_after_the_first_item_reads_only_the_first_ids_page_and_its_first_batch()
    {
        var api = WithMessages(1200);
        using var client = api.Client();

        await foreach (var message in client.Messages.ListAllAsync("c1", new MessageListAllOptions { IdsPageSize = 100 }))
        {
            Assert.Equal("m00001", message.Id);
            break;
        }

        Assert.Equal(2, api.Requests.Count);
        Assert.Single(api.To("v5/conversations/c1/messages/ids"));
        Assert.Single(api.To("v5/messages/by-ids"));
    }

    [Fact]
    public async Task Cancellation_stops_list_all()
    {
        var api = WithMessages(300);
        using var client = api.Client();
        using var cancellation = new CancellationTokenSource();
        var seen = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var message in client.Messages.ListAllAsync("c1", new MessageListAllOptions { IdsPageSize = 100 }).WithCancellation(cancellation.Token))
            {
                if (++seen == 100)
                {
                    await cancellation.CancelAsync();
                }
            }
        });

        Assert.Equal(100, seen);
        Assert.Single(api.To("v5/conversations/c1/messages/ids"));
    }

    [Fact]
    public async Task Get_by_ids_splits_1200_ids_into_batches_of_500_and_keeps_the_requested_order()
    {
        var api = WithMessages(1200);
        using var client = api.Client();
        var wanted = api.Messages.Select(m => m.Id).Reverse().ToList();

        var messages = await client.Messages.GetByIdsAsync("c1", wanted);

        Assert.Equal(wanted, messages.Select(m => m.Id));
        var batches = api.To("v5/messages/by-ids");
        Assert.Equal([500, 500, 200], batches.Select(b => b.Json["message_ids"]!.AsArray().Count));
        Assert.Equal(wanted, batches.SelectMany(b => b.Json["message_ids"]!.AsArray().Select(id => (string)id!)));
        Assert.All(batches, b => Assert.Equal("c1", (string?)b.Json["conversation_id"]));
        Assert.Equal(500, MessagesClient.MaxBatchSize);
    }

    [Fact]
    public async Task Get_by_ids_with_no_ids_sends_nothing()
    {
        var api = WithMessages(3);
        using var client = api.Client();

        var messages = await client.Messages.GetByIdsAsync("c1", []);
        var blanks = await client.Messages.GetByIdsAsync("c1", ["", "  "]);

        Assert.Empty(messages);
        Assert.Empty(blanks);
        Assert.Empty(api.Requests);
    }

    [Fact]
    public async Task Get_by_ids_drops_repeated_ids_and_omits_unknown_ones()
    {
        var api = WithMessages(3);
        using var client = api.Client();

        var messages = await client.Messages.GetByIdsAsync("c1", ["m00003", "nope", "m00001", "m00003"]);

        Assert.Equal(["m00003", "m00001"], messages.Select(m => m.Id));
        Assert.Equal(["m00003", "nope", "m00001"], api.Requests.Single().Json["message_ids"]!.AsArray().Select(id => (string)id!));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Get_by_ids_with_a_blank_conversation_id_throws_before_any_request(string conversationId)
    {
        var api = WithMessages(3);
        using var client = api.Client();

        await Assert.ThrowsAsync<ArgumentException>(() => client.Messages.GetByIdsAsync(conversationId, ["m00001"]));
        Assert.Throws<ArgumentException>(() => client.Messages.ListAllAsync(conversationId));
        Assert.Empty(api.Requests);
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(1001, null)]
    [InlineData(null, 0)]
    [InlineData(null, 501)]
    public void List_all_sizes_out_of_range_are_rejected(int? idsPageSize, int? batchSize)
    {
        using var client = new MessagesFakeApi().Client();

        Assert.Throws<ArgumentOutOfRangeException>(() => client.Messages.ListAllAsync("c1", new MessageListAllOptions { IdsPageSize = idsPageSize, BatchSize = batchSize }));
    }
}
