using System.Globalization;

namespace CarbonVoice.Sdk.Testing.Tests;

/// <summary>Walking the v6 feeds by cursor: order, completeness, has_more / next_cursor rules and re-delivery.</summary>
public sealed class V6FeedPagingTests
{
    private static (CarbonVoiceEmulator Emulator, Microsoft.Extensions.Time.Testing.FakeTimeProvider Time, string User, EmulatorConversation Conversation) Create(Action<EmulatorOptions>? configure = null)
    {
        var (emulator, time) = Emu.Create(configure);
        var user = emulator.Data.Users[0].Id;
        var conversation = emulator.Data.ConversationsIn(emulator.Data.WorkspacesOf(user)[0].Id).First(c => c.MessageCount > 0);
        return (emulator, time, user, conversation);
    }

    /// <summary>The messages a user's store-wide feeds cover: every conversation of the user's workspaces.</summary>
    private static List<EmulatorMessage> Visible(CarbonVoiceEmulator emulator, string user, bool includeDeleted)
        => emulator.Data.WorkspacesOf(user).SelectMany(w => emulator.Data.ConversationsIn(w.Id)).SelectMany(c => emulator.Data.MessagesIn(c.Id, includeDeleted)).ToList();

    [Theory]
    [InlineData(7)]
    [InlineData(40)]
    [InlineData(200)]
    public async Task History_of_a_conversation_walks_older_and_newer_without_loss_or_duplicates(int limit)
    {
        var (emulator, _, _, conversation) = Create();
        await using var _e = emulator;
        using var client = Emu.UserClient(emulator);
        var expected = emulator.Data.MessagesIn(conversation.Id).Select(m => m.Id).ToList();

        var older = await Feeds.Walk(client, Feeds.History, $"conversation_id={conversation.Id}&limit={limit}");
        Assert.Equal(Enumerable.Reverse(expected), Feeds.Ids(older));
        Assert.All(older.SkipLast(1), p => Assert.Equal(limit, p.Rows.Length));
        Assert.False(older[^1].HasMore);
        Assert.Null(older[^1].NextCursor);
        Assert.Equal((expected.Count + limit - 1) / limit, older.Count);

        var newer = await Feeds.Walk(client, Feeds.History, $"conversation_id={conversation.Id}&limit={limit}", "direction=newer");
        Assert.Equal(expected, Feeds.Ids(newer));
        Assert.NotNull(newer[^1].NextCursor);
    }

    [Fact]
    public async Task History_without_a_conversation_covers_every_conversation_of_the_callers_workspaces_in_created_order()
    {
        var (emulator, _) = Emu.Create(o => o.ConversationsPerWorkspace = 8);
        await using var _e = emulator;
        var data = emulator.Data;

        // Some user is not a collaborator of a conversation of their workspaces, and some user is not a member of a workspace.
        Assert.Contains(data.Users, u => data.WorkspacesOf(u.Id).Any(w => data.ConversationsIn(w.Id).Any(c => !c.CollaboratorIds.Contains(u.Id) && c.MessageCount > 0)));
        Assert.Contains(data.Users, u => data.WorkspacesOf(u.Id).Count < data.Workspaces.Count);
        foreach (var user in data.Users.Select(u => u.Id))
        {
            using var client = Emu.Client(emulator, emulator.IssueTokens(user).AccessToken);
            var expected = Visible(emulator, user, includeDeleted: false)
                .OrderBy(m => m.CreatedAt).ThenBy(m => m.Id, StringComparer.Ordinal).Select(m => m.Id).ToList();
            Assert.Equal(expected, Feeds.Ids(await Feeds.Walk(client, Feeds.History, "limit=33&direction=newer")));
            Assert.Equal(Enumerable.Reverse(expected), Feeds.Ids(await Feeds.Walk(client, Feeds.History, "limit=33")));
        }
    }

    [Fact]
    public async Task Updates_are_ordered_by_updated_at_and_include_deleted_messages_the_history_leaves_out()
    {
        var (emulator, time, user, conversation) = Create(o => o.Quirks.TranscriptDelay = TimeSpan.Zero);
        await using var _e = emulator;
        var messages = emulator.Data.MessagesIn(conversation.Id);
        time.Advance(TimeSpan.FromMinutes(1));
        emulator.Control.DeleteMessage(messages[3].Id);
        time.Advance(TimeSpan.FromSeconds(1));
        emulator.Control.EditMessage(messages[0].Id, "edited first message");
        emulator.Control.AddReaction(messages[5].Id, user, "fire");
        var posted = emulator.Control.PostMessage(conversation.Id, user, "posted last");
        using var client = Emu.UserClient(emulator);

        var all = Visible(emulator, user, includeDeleted: true);
        var expected = all.OrderBy(m => m.UpdatedAt).ThenBy(m => m.Id, StringComparer.Ordinal).Select(m => m.Id).ToList();
        var updates = await Feeds.Walk(client, Feeds.Updates, "limit=50");
        Assert.Equal(expected, Feeds.Ids(updates));
        var keys = updates.SelectMany(p => p.Rows).Select(r => DateTimeOffset.Parse(r.GetProperty("updated_at").GetString()!, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(keys.Order(), keys);
        var tail = Feeds.Ids(updates)[^4..];
        Assert.Equal(messages[3].Id, tail[0]);
        Assert.Equal(new[] { messages[0].Id, messages[5].Id, posted }.Order(StringComparer.Ordinal), tail[1..]);
        var deleted = updates.SelectMany(p => p.Rows).Single(r => r.GetProperty("id").GetString() == messages[3].Id);
        Assert.Equal("deleted", deleted.GetProperty("status").GetString());
        Assert.True(deleted.TryGetProperty("deleted_at", out _));

        var scoped = await Feeds.Walk(client, Feeds.Updates, $"conversation_id={conversation.Id}&limit=9");
        Assert.Equal(expected.Where(id => emulator.Data.FindMessage(id)!.ConversationId == conversation.Id), Feeds.Ids(scoped));

        var history = Feeds.Ids(await Feeds.Walk(client, Feeds.History, "limit=200"));
        Assert.DoesNotContain(messages[3].Id, history);
        Assert.Equal(all.Count - 1, history.Length);
    }

    [Fact]
    public async Task The_last_newer_page_resumes_four_seconds_before_its_last_row_and_re_delivers_them()
    {
        var (emulator, time, user, conversation) = Create(o => o.Quirks.TranscriptDelay = TimeSpan.Zero);
        await using var _e = emulator;
        using var client = Emu.UserClient(emulator);
        time.Advance(TimeSpan.FromMinutes(1));
        var a = emulator.Control.PostMessage(conversation.Id, user, "a");
        time.Advance(TimeSpan.FromSeconds(3));
        var b = emulator.Control.PostMessage(conversation.Id, user, "b");
        time.Advance(TimeSpan.FromSeconds(2));
        var c = emulator.Control.PostMessage(conversation.Id, user, "c");

        foreach (var feed in new[] { Feeds.Updates, Feeds.History })
        {
            var walk = await Feeds.Walk(client, feed, $"conversation_id={conversation.Id}&limit=10&direction=newer");
            Assert.Equal(c, Feeds.Ids(walk)[^1]);
            var resume = walk[^1].NextCursor;
            Assert.NotNull(resume);

            // c is at T+5: the resume point T+1 brings b (T+3) and c again, not a (T).
            var again = await Feeds.Get(client, feed, $"conversation_id={conversation.Id}&cursor={Uri.EscapeDataString(resume)}");
            Assert.Equal(new[] { b, c }, again.Ids);
            Assert.DoesNotContain(a, again.Ids);
            Assert.False(again.HasMore);
            var stable = again.NextCursor;
            Assert.NotNull(stable);
            Assert.Equal(again.Ids, (await Feeds.Get(client, feed, $"conversation_id={conversation.Id}&cursor={Uri.EscapeDataString(stable)}")).Ids);
        }

        time.Advance(TimeSpan.FromSeconds(20));
        var d = emulator.Control.PostMessage(conversation.Id, user, "d");
        var first = await Feeds.Walk(client, Feeds.Updates, $"conversation_id={conversation.Id}&limit=10&direction=newer");
        var poll = await Feeds.Get(client, Feeds.Updates, $"conversation_id={conversation.Id}&cursor={Uri.EscapeDataString(first[^1].NextCursor!)}");
        Assert.Equal(new[] { d }, poll.Ids);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    [InlineData(10)]
    public async Task The_first_date_anchored_newer_page_starts_the_redelivery_window_before_the_date(int seconds)
    {
        var (emulator, time, user, conversation) = Create(o =>
        {
            o.Quirks.TranscriptDelay = TimeSpan.Zero;
            o.FeedRedelivery = TimeSpan.FromSeconds(seconds);
        });
        await using var _e = emulator;
        using var client = Emu.UserClient(emulator);
        time.Advance(TimeSpan.FromMinutes(1));
        var start = time.GetUtcNow();
        var a = emulator.Control.PostMessage(conversation.Id, user, "a");
        time.Advance(TimeSpan.FromSeconds(3));
        var b = emulator.Control.PostMessage(conversation.Id, user, "b");
        time.Advance(TimeSpan.FromSeconds(3));
        var c = emulator.Control.PostMessage(conversation.Id, user, "c");
        var date = Feeds.Iso(start.AddSeconds(5));
        var expected = seconds switch { 0 => new[] { c }, 4 => [b, c], _ => [a, b, c] };
        foreach (var feed in new[] { Feeds.Updates, Feeds.History })
        {
            Assert.Equal(expected, (await Feeds.Get(client, feed, $"conversation_id={conversation.Id}&direction=newer&date={date}")).Ids);

            // older is not moved: rows at or before the date, newest first.
            var older = await Feeds.Get(client, feed, $"conversation_id={conversation.Id}&direction=older&date={date}&limit=2");
            Assert.Equal(new[] { b, a }, older.Ids);
        }

        // The resume cursor of the last newer page honours the same window: c is at T+6, the date was T+5.
        var last = await Feeds.Get(client, Feeds.Updates, $"conversation_id={conversation.Id}&direction=newer&date={Feeds.Iso(start)}");
        var resumed = await Feeds.Get(client, Feeds.Updates, $"conversation_id={conversation.Id}&cursor={Uri.EscapeDataString(last.NextCursor!)}");
        Assert.Equal(expected, resumed.Ids);
    }

    [Fact]
    public async Task Empty_pages_echo_the_cursor_that_reached_them_and_date_anchored_ones_have_no_cursor()
    {
        var (emulator, time, _, conversation) = Create();
        await using var _e = emulator;
        using var client = Emu.UserClient(emulator);
        var messages = emulator.Data.MessagesIn(conversation.Id);

        var future = await Feeds.Get(client, Feeds.Updates, $"conversation_id={conversation.Id}&date={Feeds.Iso(time.GetUtcNow().AddDays(1))}");
        Assert.Empty(future.Rows);
        Assert.False(future.HasMore);
        Assert.Null(future.NextCursor);
        Assert.Null((await Feeds.Get(client, Feeds.History, $"conversation_id={conversation.Id}&direction=newer&date={Feeds.Iso(time.GetUtcNow().AddDays(1))}")).NextCursor);

        // A mid-walk cursor whose remaining rows were deleted reaches an empty page: it echoes that cursor.
        var page = await Feeds.Get(client, Feeds.History, $"conversation_id={conversation.Id}&direction=newer&limit={messages.Count - 1}");
        Assert.True(page.HasMore);
        emulator.Control.DeleteMessage(messages[^1].Id);
        var cursor = page.NextCursor!;
        var empty = await Feeds.Get(client, Feeds.History, $"conversation_id={conversation.Id}&cursor={Uri.EscapeDataString(cursor)}");
        Assert.Empty(empty.Rows);
        Assert.False(empty.HasMore);
        Assert.Equal(cursor, empty.NextCursor);

        // direction=older: the last page (empty or not) has no cursor.
        var olderPage = await Feeds.Get(client, Feeds.History, $"conversation_id={conversation.Id}&limit={messages.Count - 2}");
        Assert.True(olderPage.HasMore);
        emulator.Control.DeleteMessage(messages[0].Id);
        var olderEmpty = await Feeds.Get(client, Feeds.History, $"conversation_id={conversation.Id}&cursor={Uri.EscapeDataString(olderPage.NextCursor!)}");
        Assert.Empty(olderEmpty.Rows);
        Assert.False(olderEmpty.HasMore);
        Assert.Null(olderEmpty.NextCursor);
    }

    [Fact]
    public async Task A_cursor_supersedes_the_date_and_continues_its_own_direction()
    {
        var (emulator, _, _, conversation) = Create();
        await using var _e = emulator;
        using var client = Emu.UserClient(emulator);
        var expected = emulator.Data.MessagesIn(conversation.Id).Select(m => m.Id).ToList();
        var first = await Feeds.Get(client, Feeds.History, $"conversation_id={conversation.Id}&direction=newer&limit=5");
        var cursor = Uri.EscapeDataString(first.NextCursor!);

        // /v6/messages defaults to older, but the cursor of a newer walk goes on newer; the date is ignored.
        var next = await Feeds.Get(client, Feeds.History, $"conversation_id={conversation.Id}&limit=5&cursor={cursor}&date={Feeds.Iso(DateTimeOffset.UnixEpoch)}");
        Assert.Equal(expected.Skip(5).Take(5), next.Ids);
        Assert.Equal(next.Ids, (await Feeds.Get(client, Feeds.History, $"conversation_id={conversation.Id}&limit=5&direction=newer&cursor={cursor}")).Ids);
    }

    [Fact]
    public async Task Limit_defaults_to_200()
    {
        var (emulator, _, user, _) = Create(o => o.Workspaces = 1);
        await using var _e = emulator;
        var big = emulator.Control.CreateConversation(emulator.Data.WorkspacesOf(user)[0].Id, "Big", generatedMessages: 450);
        using var client = Emu.UserClient(emulator);
        var walk = await Feeds.Walk(client, Feeds.History, $"conversation_id={big}");
        Assert.Equal(new[] { 200, 200, 50 }, walk.Select(p => p.Rows.Length));
        Assert.Equal(450, Feeds.Ids(walk).Distinct().Count());
    }
}
