using CarbonVoice.Sdk.EndToEnd.Tests.Support;

namespace CarbonVoice.Sdk.EndToEnd.Tests;

public sealed class PaginationTests
{
    public static TheoryData<int, int> Sizes => new()
    {
        { 0, 100 },      // empty conversation
        { 1, 100 },      // a single message
        { 100, 100 },    // exactly one page
        { 101, 100 },    // one page and one message
        { 10_000, 500 }, // a long conversation, at the largest window size
    };

    private static async Task<(Harness Harness, CarbonVoiceClient Client, string ConversationId)> SetUpAsync(int messages)
    {
        var h = new Harness(o => { o.Workspaces = 2; o.ConversationsPerWorkspace = 1; o.MessagesPerConversation = 3; });
        var workspace = h.Emulator.Data.WorkspacesOf(h.User.Id)[0];
        var id = h.Emulator.Control.CreateConversation(workspace.Id, $"{messages} messages", generatedMessages: messages);
        Assert.Equal(messages, h.Emulator.Data.MessagesIn(id).Count);
        await Task.CompletedTask;
        return (h, h.ClientFor(), id);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task Sequential_windows_yield_every_message_once_in_order(int count, int pageSize)
    {
        var (h, client, conversationId) = await SetUpAsync(count);
        await using var _ = h;
        var expected = h.Emulator.Data.MessagesIn(conversationId);

        var all = await client.Messages.ListSequentialAsync(conversationId, new SequentialListOptions { PageSize = pageSize }).ToListAsync();

        Expect.SameMessages(expected, all.Select(m => m.Id).ToList());
        Assert.Equal(expected.Select(m => m.Id), all.Select(m => m.Id));
        var windows = h.RequestsTo("GET", $"/v3/messages/{conversationId}/sequential/");
        Assert.InRange(windows.Count, 1, (count / pageSize) + 2);
        Assert.All(windows, r => Assert.Equal(200, r.Status));
        if (count > 0)
        {
            Assert.Equal(expected[^1].Transcript, all[^1].Transcript);
        }
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task Ids_then_by_ids_yield_every_message_once_in_order(int count, int pageSize)
    {
        var (h, client, conversationId) = await SetUpAsync(count);
        await using var _ = h;
        var expected = h.Emulator.Data.MessagesIn(conversationId);

        var ids = await client.Messages.ListIdsAsync(conversationId, pageSize).ToListAsync();
        var all = await client.Messages.ListAllAsync(conversationId, new MessageListAllOptions { IdsPageSize = pageSize, BatchSize = pageSize }).ToListAsync();

        Expect.SameMessages(expected, ids);
        Expect.SameMessages(expected, all.Select(m => m.Id).ToList());
        for (var i = 0; i < count; i++)
        {
            Assert.Equal(expected[i].Sequence, all[i].ConversationSequence);
            Assert.Equal(expected[i].Transcript, all[i].Transcript);
        }

        var batches = h.RequestsTo("POST", "/v5/messages/by-ids");
        Assert.Equal((count + pageSize - 1) / pageSize, batches.Count); // never an empty batch
        Assert.All(batches, r => Assert.Equal(200, r.Status));
        Assert.All(h.RequestsTo("GET", $"/v5/conversations/{conversationId}/messages/ids"), r => Assert.Equal(200, r.Status));
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task Pages_resume_from_a_continuation_token(int count, int pageSize)
    {
        var (h, client, conversationId) = await SetUpAsync(count);
        await using var _ = h;
        var expected = h.Emulator.Data.MessagesIn(conversationId);

        foreach (var pageable in new[]
        {
            client.Messages.ListIdsAsync(conversationId, pageSize),
            client.Messages.ListAllAsync(conversationId, new MessageListAllOptions { IdsPageSize = pageSize, BatchSize = pageSize }).Select(m => m.Id),
            client.Messages.ListSequentialAsync(conversationId, new SequentialListOptions { PageSize = pageSize }).Select(m => m.Id),
        })
        {
            var ids = new List<string>();
            string? token = null;
            var pages = 0;
            do
            {
                // A fresh enumeration per page, as a checkpointing caller would do.
                await foreach (var page in pageable.AsPages(token))
                {
                    ids.AddRange(page.Items);
                    token = page.ContinuationToken;
                    pages++;
                    break;
                }
            }
            while (token is not null && pages < 1000);

            Expect.SameMessages(expected, ids);
        }
    }

    [Fact]
    public async Task Generated_empty_conversation_has_no_messages_on_any_path()
    {
        await using var h = new Harness();
        var client = h.ClientFor();
        var empty = h.Emulator.Data.ConversationsIn(h.Emulator.Data.WorkspacesOf(h.User.Id)[0].Id)[3];
        Assert.Equal(0, empty.MessageCount);

        Assert.Empty(await client.Messages.ListIdsAsync(empty.Id).ToListAsync());
        Assert.Empty(await client.Messages.ListAllAsync(empty.Id).ToListAsync());
        Assert.Empty(await client.Messages.ListSequentialAsync(empty.Id).ToListAsync());
        Assert.Empty(await client.Messages.ListByChannelAsync(empty.Id).ToListAsync());
        Assert.Empty(await client.Messages.ListRecentAsync(new RecentMessagesOptions { Date = Harness.Start, ChannelId = empty.Id }).ToListAsync());
        Assert.Empty(h.RequestsTo("POST", "/v5/messages/by-ids"));
    }
}

internal static class PageableExtensions
{
    /// <summary>Projects a pageable page by page, keeping its continuation tokens.</summary>
    public static CarbonVoicePageable<TOut> Select<TIn, TOut>(this CarbonVoicePageable<TIn> source, Func<TIn, TOut> map)
        => CarbonVoicePageable.Create<TOut>(async (token, size, ct) =>
        {
            await foreach (var page in source.AsPages(token, size, ct))
            {
                return new CarbonVoicePage<TOut>(page.Items.Select(map).ToList(), page.ContinuationToken);
            }

            return new CarbonVoicePage<TOut>([], null);
        });
}
