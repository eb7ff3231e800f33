using CarbonVoice.Sdk.EndToEnd.Tests.Support;
using CarbonVoice.Sdk.Testing;

namespace CarbonVoice.Sdk.EndToEnd.Tests;

public sealed class MessagesTests
{
    private static (EmulatorConversation Conversation, IReadOnlyList<EmulatorMessage> Messages) Busy(Harness h)
    {
        var conversation = h.Emulator.Data.ConversationsIn(h.Emulator.Data.WorkspacesOf(h.User.Id)[0].Id).First(c => c.MessageCount > 0 && c.CollaboratorIds.Contains(h.User.Id));
        return (conversation, h.Emulator.Data.MessagesIn(conversation.Id));
    }

    [Fact]
    public async Task Get_returns_the_message_with_its_transcript()
    {
        await using var h = new Harness();
        var client = h.ClientFor();
        var (conversation, messages) = Busy(h);
        var picks = new[] { messages[0], messages[^1], messages.FirstOrDefault(m => m.HasAttachment), messages.FirstOrDefault(m => m.ParentMessageId is not null) }
            .OfType<EmulatorMessage>().DistinctBy(m => m.Id);

        foreach (var data in picks)
        {
            var message = await client.Messages.GetAsync(data.Id, new MessageGetOptions { Language = data.Language, PresignedUrl = true, Fresh = true });
            Assert.Equal(data.Id, message.Id);
            Assert.Equal(conversation.Id, message.ConversationId);
            Assert.Equal(data.WorkspaceId, message.WorkspaceId);
            Assert.Equal(data.CreatorId, message.CreatorId);
            Assert.Equal(data.Sequence, message.ConversationSequence);
            Assert.Equal(data.Transcript, message.Transcript);
            Assert.Equal(data.CreatedAt, message.CreatedAt);
            Assert.Equal(data.ParentMessageId, message.ParentMessageId);
            Assert.Equal(data.HasAttachment, message.Attachments is { Count: > 0 });
        }
    }

    [Fact]
    public async Task GetByIds_returns_each_requested_message_once()
    {
        await using var h = new Harness();
        var client = h.ClientFor();
        var (conversation, messages) = Busy(h);
        var ids = new[] { messages[10].Id, messages[2].Id, messages[^1].Id, messages[0].Id, messages[2].Id };

        var found = await client.Messages.GetByIdsAsync(conversation.Id, ids);

        Assert.Equal(ids.Distinct().Order(), found.Select(m => m.Id).Order());
        foreach (var message in found)
        {
            Assert.Equal(h.Emulator.Data.FindMessage(message.Id)!.Transcript, message.Transcript);
        }

        Assert.Empty(await client.Messages.GetByIdsAsync(conversation.Id, []));
    }

    [Fact]
    public async Task ListIds_and_ListAll_return_the_conversation_in_sequence_order()
    {
        await using var h = new Harness();
        var client = h.ClientFor();
        var (conversation, messages) = Busy(h);

        var ids = await client.Messages.ListIdsAsync(conversation.Id, pageSize: 7).ToListAsync();
        var all = await client.Messages.ListAllAsync(conversation.Id, new MessageListAllOptions { IdsPageSize = 9, BatchSize = 4 }).ToListAsync();

        Expect.SameMessages(messages, ids);
        Expect.SameMessages(messages, all.Select(m => m.Id).ToList());
        Assert.Equal(messages.Select(m => m.Transcript), all.Select(m => m.Transcript));
        Assert.Equal(messages.Select(m => (long)m.Sequence), all.Select(m => m.ConversationSequence!.Value));
    }

    [Fact]
    public async Task ListByChannel_pages_by_date_in_both_directions()
    {
        await using var h = new Harness();
        var client = h.ClientFor();
        var (conversation, messages) = Busy(h);
        var newestFirst = messages.OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Sequence).Select(m => m.Id).ToList();

        var older = await client.Messages.ListByChannelAsync(conversation.Id, new DateCursorOptions { PageSize = 7 }).ToListAsync();
        var newer = await client.Messages.ListByChannelAsync(conversation.Id, new DateCursorOptions { PageSize = 6, Direction = MessageDirections.Newer, Date = messages[0].CreatedAt }).ToListAsync();

        Assert.Equal(newestFirst, older.Select(m => m.Id));
        Assert.Equal(messages.Select(m => m.Id), newer.Select(m => m.Id));
        Assert.Equal(messages.Select(m => m.Transcript), newer.Select(m => m.Transcript));
        Assert.True(h.RequestsTo("GET", $"/v3/messages/{conversation.Id}/by-id").Count > messages.Count / 7);
    }

    [Fact]
    public async Task Sequence_window_and_sequential_listing_match_the_sequences()
    {
        await using var h = new Harness();
        var client = h.ClientFor();
        var (conversation, messages) = Busy(h);

        var window = await client.Messages.GetSequenceWindowAsync(conversation.Id, 5, 14);
        Assert.Equal(messages.Where(m => m.Sequence is >= 5 and <= 14).Select(m => m.Id), window.Select(m => m.Id));
        Assert.Equal(messages[4].Transcript, window[0].Transcript);

        var all = await client.Messages.ListSequentialAsync(conversation.Id, new SequentialListOptions { PageSize = 100 }).ToListAsync();
        Expect.SameMessages(messages, all.Select(m => m.Id).ToList());

        var slice = await client.Messages.ListSequentialAsync(conversation.Id, new SequentialListOptions { StartSequence = 3, EndSequence = 17, PageSize = 100 }).ToListAsync();
        Assert.Equal(messages.Where(m => m.Sequence is >= 3 and <= 17).Select(m => m.Id), slice.Select(m => m.Id));

        Assert.Empty(await client.Messages.GetSequenceWindowAsync(conversation.Id, messages.Count + 1, messages.Count + 50));
    }

    [Fact]
    public async Task Recent_pages_by_date_in_both_directions()
    {
        await using var h = new Harness();
        var client = h.ClientFor();
        var (conversation, messages) = Busy(h);

        var older = await client.Messages.ListRecentAsync(new RecentMessagesOptions { Date = Harness.Start, Direction = MessageDirections.Older, PageSize = 9, ChannelId = conversation.Id }).ToListAsync();
        var newer = await client.Messages.ListRecentAsync(new RecentMessagesOptions { Date = messages[0].CreatedAt, Direction = MessageDirections.Newer, PageSize = 8, ChannelId = conversation.Id }).ToListAsync();
        var updated = await client.Messages.ListRecentAsync(new RecentMessagesOptions { Date = messages[0].CreatedAt, Direction = MessageDirections.Newer, UseLastUpdated = true, ChannelId = conversation.Id }).ToListAsync();

        Assert.Equal(messages.OrderByDescending(m => m.CreatedAt).Select(m => m.Id), older.Select(m => m.Id));
        Assert.Equal(messages.Select(m => m.Id), newer.Select(m => m.Id));
        Assert.Equal(messages.Select(m => m.Id).Order(), updated.Select(m => m.Id).Order());
        Assert.Equal(messages.Select(m => m.Transcript), newer.Select(m => m.Transcript));
    }

    [Fact]
    public async Task Notified_lists_the_callers_unread_messages_not_changes()
    {
        await using var h = new Harness();
        var client = h.ClientFor();
        var (conversation, messages) = Busy(h);
        var other = h.Emulator.Data.Users.First(u => u.Id != h.User.Id && conversation.CollaboratorIds.Contains(u.Id));
        h.Time.Advance(TimeSpan.FromMinutes(1));
        var since = h.Time.GetUtcNow();
        var unreadBefore = h.Emulator.Data.UnreadMessagesOf(h.User.Id).Select(m => m.Id).ToHashSet();

        var mine = h.Emulator.Control.PostMessage(conversation.Id, h.User.Id, "my own message is never unread");
        var theirs = h.Emulator.Control.PostMessage(conversation.Id, other.Id, "their message is unread until played");
        var played = h.Emulator.Control.PostMessage(conversation.Id, other.Id, "played at once");
        h.Emulator.Control.MarkPlayed(played, h.User.Id);
        h.Emulator.Control.EditMessage(messages[3].Id, "an edit does not make a message unread");
        h.Time.Advance(TimeSpan.FromMinutes(1));

        var unread = await client.Messages.ListNotifiedAsync(since, new NotifiedMessagesOptions { PageSize = 2 }).ToListAsync();

        var ids = unread.Select(m => m.Id).ToList();
        Assert.Contains(theirs, ids);
        Assert.DoesNotContain(mine, ids);
        Assert.DoesNotContain(played, ids);
        Assert.True(!ids.Contains(messages[3].Id) || unreadBefore.Contains(messages[3].Id), "an edit made a read message unread");
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(unread, m => Assert.NotEqual(h.User.Id, m.CreatorId));
    }

    [Fact]
    public async Task Search_finds_every_message_containing_the_query_across_pages()
    {
        await using var h = new Harness();
        var client = h.ClientFor();
        var (conversation, messages) = Busy(h);
        var query = messages.SelectMany(m => m.Transcript.Split(' '))
            .Where(w => w.Length >= 6 && w.All(char.IsLetter))
            .GroupBy(w => w, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.Key)
            .First(w => messages.Count(m => m.Transcript.Contains(w, StringComparison.OrdinalIgnoreCase)) is > 2 and < 30);
        var expected = messages.Where(m => m.Transcript.Contains(query, StringComparison.OrdinalIgnoreCase)).Select(m => m.Id).Order().ToList();

        var found = await client.Messages.SearchAsync(new MessageSearchRequest { Query = query, ChannelId = conversation.Id, PageSize = 2 }).ToListAsync();
        var inWorkspace = await client.Messages.SearchAsync(new MessageSearchRequest { Query = query, WorkspaceId = conversation.WorkspaceId }).ToListAsync();

        Assert.Equal(expected, found.Select(m => m.Id).Order());
        Assert.All(found, m => Assert.Contains(query, m.Transcript!, StringComparison.OrdinalIgnoreCase));
        Assert.Superset(expected.ToHashSet(), inWorkspace.Select(m => m.Id).ToHashSet());
        Assert.Empty(await client.Messages.SearchAsync(new MessageSearchRequest { Query = "zzqqxxnotaword", ChannelId = conversation.Id }).ToListAsync());
    }

    [Fact]
    public async Task Recent_on_last_updated_yields_every_message_once_when_many_share_the_boundary_timestamp()
    {
        await using var h = new Harness();
        var client = h.ClientFor();
        var (conversation, messages) = Busy(h);
        h.Time.Advance(TimeSpan.FromMinutes(1));
        var since = h.Time.GetUtcNow();

        // 25 edits in the same millisecond: pages of 10 end in the middle of the tie. (A tie longer than the service's page
        // cap cannot be read through with a date cursor at all; the v6 feeds' keyset cursors do not have that limit.)
        var edited = messages.Take(25).Select(m => m.Id).ToList();
        foreach (var id in edited)
        {
            h.Emulator.Control.EditMessage(id, "same instant " + id);
        }

        var changed = await client.Messages.ListRecentAsync(new RecentMessagesOptions { Date = since, Direction = MessageDirections.Newer, UseLastUpdated = true, ChannelId = conversation.Id, PageSize = 10 }).ToListAsync();

        Assert.Equal(edited.Order(), changed.Select(m => m.Id).Order());
        Assert.All(changed, m => Assert.Equal("same instant " + m.Id, m.Transcript));
    }

    [Fact]
    public async Task GetByIds_splits_more_than_500_ids_into_batches()
    {
        await using var h = new Harness(o => o.MessagesPerConversation = 3);
        var client = h.ClientFor();
        var conversationId = h.Emulator.Control.CreateConversation(h.Emulator.Data.WorkspacesOf(h.User.Id)[0].Id, "big", generatedMessages: 1_200);
        var ids = h.Emulator.Data.MessagesIn(conversationId).Select(m => m.Id).Reverse().ToList();

        var found = await client.Messages.GetByIdsAsync(conversationId, ids);

        Assert.Equal(ids.Order(), found.Select(m => m.Id).Order());
        Assert.Equal(3, h.RequestsTo("POST", "/v5/messages/by-ids").Count);
    }
}
