using CarbonVoice.Sdk.EndToEnd.Tests.Support;
using CarbonVoice.Sdk.Testing;

namespace CarbonVoice.Sdk.EndToEnd.Tests;

/// <summary>The SDK's v6 feeds against the emulator's default (real-service) behaviour.</summary>
public sealed class V6FeedsTests
{
    private static EmulatorConversation Busy(Harness h)
        => h.Emulator.Data.ConversationsIn(h.Emulator.Data.WorkspacesOf(h.User.Id)[0].Id).First(c => c.MessageCount > 20 && c.CollaboratorIds.Contains(h.User.Id));

    [Fact]
    public async Task The_history_of_a_conversation_is_every_message_newest_first_with_the_words_of_voice_messages()
    {
        await using var h = new Harness();
        var client = h.ClientFor();
        var conversation = Busy(h);
        var expected = h.Emulator.Data.MessagesIn(conversation.Id);

        var history = await client.Messages.ListHistoryAsync(new MessageFeedOptions { ConversationId = conversation.Id, PageSize = 7 }).ToListAsync();

        Assert.Equal(expected.Select(m => m.Id).Reverse(), history.Select(m => m.Id));
        var byId = expected.ToDictionary(m => m.Id);
        Assert.All(history.Where(m => m.Content is not null), m => Assert.Equal(byId[m.Id].Transcript, m.Transcript));
        Assert.Contains(history, m => byId[m.Id].TranscriptOnlyInTimeCodes && m.Content!.Transcript is "" && m.Transcript == byId[m.Id].Transcript);
        Assert.All(history, m => Assert.Equal(conversation.Id, m.ConversationId));
        Assert.Contains(history, m => m.ParentMessageId is not null);
    }

    [Fact]
    public async Task The_updates_feed_brings_a_new_message_twice_processing_then_with_its_transcript_and_edits_and_deletions_once()
    {
        await using var h = new Harness();
        var client = h.ClientFor();
        var conversation = Busy(h);
        var messages = h.Emulator.Data.MessagesIn(conversation.Id);
        h.Time.Advance(TimeSpan.FromMinutes(1));
        var since = h.Time.GetUtcNow();

        var posted = h.Emulator.Control.PostMessage(conversation.Id, h.User.Id, "a voice note about the renewal");
        h.Emulator.Control.EditMessage(messages[3].Id, "edited transcript");
        h.Emulator.Control.DeleteMessage(messages[5].Id);
        h.Time.Advance(TimeSpan.FromSeconds(1));

        // First poll: the new message is still processing (no words yet); persist the resume token of the last page.
        var first = new List<MessageV6>();
        string? resume = null;
        await foreach (var page in client.Messages.ListUpdatesAsync(new MessageFeedOptions { Since = since, PageSize = 2 }).AsPages())
        {
            first.AddRange(page.Items);
            resume = page.ResumeToken;
        }

        Assert.Equal(new[] { posted, messages[3].Id, messages[5].Id }.Order(StringComparer.Ordinal), first.Select(m => m.Id).Order(StringComparer.Ordinal));
        var fresh = first.Single(m => m.Id == posted);
        Assert.True(fresh.IsPending);
        Assert.Null(fresh.Transcript);
        Assert.Equal("edited transcript", first.Single(m => m.Id == messages[3].Id).Transcript);
        Assert.True(first.Single(m => m.Id == messages[5].Id).IsDeleted);
        Assert.NotNull(resume);

        // Second poll after the transcript delay: only the message whose transcript became ready comes again.
        h.Time.Advance(h.Emulator.Options.Quirks.TranscriptDelay);
        var second = await client.Messages.ListUpdatesAsync().AsPages(resume).SelectMany(p => p.Items.ToAsyncEnumerable()).ToListAsync();

        var ready = Assert.Single(second);
        Assert.Equal(posted, ready.Id);
        Assert.False(ready.IsPending);
        Assert.Equal("a voice note about the renewal", ready.Transcript);
        Assert.True(ready.UpdatedAt > fresh.UpdatedAt);
    }

    [Fact]
    public async Task A_cursor_the_service_no_longer_accepts_throws_the_invalid_cursor_exception()
    {
        await using var h = new Harness();
        var client = h.ClientFor();
        var since = h.Time.GetUtcNow();
        h.Emulator.Control.PostMessage(Busy(h).Id, h.User.Id, "something changed");
        var pages = await client.Messages.ListUpdatesAsync(new MessageFeedOptions { Since = since }).AsPages().ToListAsync();
        var resume = pages[^1].ResumeToken;
        Assert.NotNull(resume);

        h.Emulator.Control.InvalidateCursors();

        var error = await Assert.ThrowsAsync<CarbonVoiceInvalidCursorException>(() => client.Messages.ListUpdatesAsync().AsPages(resume).ToListAsync().AsTask());
        Assert.Equal("GET /v6/messages/updates", error.Endpoint);
    }

    [Fact]
    public async Task Get_and_by_ids_read_the_v6_shape_and_a_deleted_message_is_a_tombstone()
    {
        await using var h = new Harness();
        var client = h.ClientFor();
        var conversation = Busy(h);
        var messages = h.Emulator.Data.MessagesIn(conversation.Id);
        h.Emulator.Control.DeleteMessage(messages[1].Id);

        var one = await client.Messages.GetV6Async(messages[0].Id);
        var some = await client.Messages.GetByIdsV6Async(conversation.Id, [messages[2].Id, messages[0].Id, "unknown-id"]);
        var tombstone = await client.Messages.GetV6Async(messages[1].Id);

        Assert.Equal(messages[0].Transcript, one.Transcript);
        Assert.Equal([messages[2].Id, messages[0].Id], some.Select(m => m.Id));
        Assert.True(tombstone.IsDeleted);
        Assert.Null(tombstone.Content);
    }

    [Fact]
    public async Task A_deleted_conversation_answers_403_and_its_messages_leave_the_feed()
    {
        await using var h = new Harness();
        var client = h.ClientFor();
        var conversation = Busy(h);
        h.Emulator.Control.DeleteConversation(conversation.Id);

        await Assert.ThrowsAsync<CarbonVoiceForbiddenException>(() => client.Conversations.GetAsync(conversation.Id));
        await Assert.ThrowsAsync<CarbonVoiceForbiddenException>(() => client.Messages.ListHistoryAsync(new MessageFeedOptions { ConversationId = conversation.Id }).ToListAsync());
        var all = await client.Messages.ListUpdatesAsync(new MessageFeedOptions { Since = h.Time.GetUtcNow().AddYears(-1) }).ToListAsync();
        Assert.DoesNotContain(all, m => m.ConversationId == conversation.Id);
    }

    [Fact]
    public async Task Contacts_and_action_item_updates_work_end_to_end()
    {
        await using var h = new Harness();
        var client = h.ClientFor();
        var conversation = Busy(h);

        var contacts = await client.Users.ListContactsAsync();
        Assert.NotEmpty(contacts);
        Assert.DoesNotContain(contacts, c => c.Id == h.User.Id);
        var picked = await client.Users.ListContactsAsync([contacts[0].Id, "nobody"]);
        Assert.Equal(contacts[0].Id, Assert.Single(picked).Id);

        var item = await client.ActionItems.CreateAsync(new CreateActionItemRequest { Title = "Send the deck", ContainerType = ActionItemContainerTypes.Channel, ContainerId = conversation.Id });
        var updated = await client.ActionItems.UpdateAsync(item.Id, new UpdateActionItemRequest { Title = "Send the final deck", DueDate = new DateOnly(2026, 3, 20) });
        var done = await client.ActionItems.UpdateStatusAsync(item.Id, ActionItemStatuses.Done);

        Assert.Equal("Send the final deck", updated.Title);
        Assert.Equal(ActionItemStatuses.Done, done.Status);
        Assert.Contains(await client.ActionItems.ListAsync(ActionItemContainerTypes.Channel, conversation.Id).ToListAsync(), i => i.Id == item.Id && i.Status == ActionItemStatuses.Done);
        await Assert.ThrowsAsync<CarbonVoiceNotFoundException>(() => client.ActionItems.UpdateStatusAsync("no-such-item", ActionItemStatuses.Todo));
    }

    [Fact]
    public async Task Legacy_v3_pages_capped_at_37_still_yield_the_whole_conversation()
    {
        await using var h = new Harness();
        var client = h.ClientFor();
        var conversation = Busy(h);
        var expected = h.Emulator.Data.MessagesIn(conversation.Id);
        Assert.True(expected.Count > 37);

        var all = await client.Messages.ListByChannelAsync(conversation.Id, new DateCursorOptions { Direction = MessageDirections.Newer, Date = DateTimeOffset.UnixEpoch, PageSize = 100 }).ToListAsync();

        Assert.Equal(expected.Select(m => m.Id), all.Select(m => m.Id));
        Assert.Contains(all, m => m.TextModels!.Any(t => t.Type == LegacyTextModel.TranscriptWithTimecodeType && t.Value == string.Empty) && m.Transcript is { Length: > 0 });
    }
}
