namespace CarbonVoice.Sdk.Testing.Tests;

/// <summary><c>POST /v3/messages/notified</c> lists the caller's unread messages; it is not a change feed.</summary>
public sealed class NotifiedTests
{
    private static (CarbonVoiceEmulator Emulator, Microsoft.Extensions.Time.Testing.FakeTimeProvider Time) Create()
        => Emu.Create(o => o.V3PageCap = 1000);

    private static async Task<string[]> Notified(HttpClient client, string body = """{"direction": "older", "limit": 1000}""")
    {
        var (status, rows) = await Emu.PostJson(client, "/v3/messages/notified", body);
        Assert.Equal(200, status);
        return rows.EnumerateArray().Select(m => m.GetProperty("message_id").GetString()!).ToArray();
    }

    [Fact]
    public async Task Notified_is_the_callers_unread_messages_of_others_in_the_conversations_they_collaborate_in()
    {
        var (emulator, _) = Create();
        await using var _e = emulator;
        foreach (var user in emulator.Data.Users)
        {
            using var client = Emu.Client(emulator, emulator.IssueTokens(user.Id).AccessToken);
            var ids = await Notified(client);
            var expected = emulator.Data.UnreadMessagesOf(user.Id);
            Assert.NotEmpty(expected);
            Assert.Equal(expected.Select(m => m.Id).Order(), ids.Order());
            Assert.All(expected, m =>
            {
                Assert.NotEqual(user.Id, m.CreatorId);
                Assert.Contains(user.Id, emulator.Data.FindConversation(m.ConversationId)!.CollaboratorIds);
            });
        }

        // The generated history is played: only each conversation's last messages are unread.
        var me = emulator.Data.Users[0].Id;
        var conversation = emulator.Data.ConversationsIn(emulator.Data.WorkspacesOf(me)[0].Id)[0];
        var old = emulator.Data.MessagesIn(conversation.Id).SkipLast(3).Select(m => m.Id).ToHashSet();
        Assert.DoesNotContain(emulator.Data.UnreadMessagesOf(me), m => old.Contains(m.Id));
    }

    [Fact]
    public async Task New_messages_of_others_arrive_unread_own_ones_never_and_playing_clears_them()
    {
        var (emulator, _) = Create();
        await using var _e = emulator;
        var me = emulator.Data.Users[0].Id;
        var conversation = emulator.Data.ConversationsIn(emulator.Data.WorkspacesOf(me)[0].Id).First(c => c.CollaboratorIds.Count >= 3);
        var colleagues = conversation.CollaboratorIds.Where(id => id != me).ToList();
        using var mine = Emu.UserClient(emulator);
        using var theirs = Emu.Client(emulator, emulator.IssueTokens(colleagues[0]).AccessToken);
        using var third = Emu.Client(emulator, emulator.IssueTokens(colleagues[1]).AccessToken);

        var fromColleague = emulator.Control.PostMessage(conversation.Id, colleagues[0], "for you");
        var fromMe = emulator.Control.PostMessage(conversation.Id, me, "from me");
        Assert.Contains(fromColleague, await Notified(mine));
        Assert.DoesNotContain(fromMe, await Notified(mine));
        Assert.Contains(fromMe, await Notified(theirs));
        Assert.DoesNotContain(fromColleague, await Notified(theirs));

        emulator.Control.MarkPlayed(fromColleague, me);
        Assert.DoesNotContain(fromColleague, await Notified(mine));
        Assert.Contains(fromColleague, await Notified(third));

        using var control = Emu.ControlClient(emulator);
        Assert.Equal(200, (await Emu.PostJson(control, $"/_emulator/messages/{fromColleague}/played", $$"""{"user_id": "{{colleagues[1]}}"}""")).Status);
        Assert.DoesNotContain(fromColleague, await Notified(third));
        Assert.Equal(404, (await Emu.PostJson(control, "/_emulator/messages/nope/played", $$"""{"user_id": "{{me}}"}""")).Status);
    }

    [Fact]
    public async Task Notified_is_not_a_change_feed_edits_do_not_bring_messages_back_and_deletes_remove_them()
    {
        var (emulator, time) = Create();
        await using var _e = emulator;
        var me = emulator.Data.Users[0].Id;
        var conversation = emulator.Data.ConversationsIn(emulator.Data.WorkspacesOf(me)[0].Id)[0];
        var played = emulator.Data.MessagesIn(conversation.Id).First(m => m.CreatorId != me);
        using var client = Emu.UserClient(emulator);
        var before = await Notified(client);
        Assert.DoesNotContain(played.Id, before);

        time.Advance(TimeSpan.FromMinutes(1));
        emulator.Control.EditMessage(played.Id, "edited, still played");
        emulator.Control.AddReaction(played.Id, me, "heart");
        var body = $$"""{"date": "{{time.GetUtcNow().AddMinutes(-2).UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ}}", "direction": "newer", "limit": 1000, "use_last_updated": true}""";
        Assert.DoesNotContain(played.Id, await Notified(client, body));
        Assert.Equal(before.Order(), (await Notified(client)).Order());

        var unread = before[0];
        emulator.Control.DeleteMessage(unread);
        Assert.DoesNotContain(unread, await Notified(client));
    }

    [Fact]
    public async Task Notified_honours_the_channel_and_the_inclusive_date_window()
    {
        var (emulator, _) = Create();
        await using var _e = emulator;
        var me = emulator.Data.Users[0].Id;
        using var client = Emu.UserClient(emulator);
        var unread = emulator.Data.UnreadMessagesOf(me);
        var channel = unread[0].ConversationId;
        var inChannel = unread.Where(m => m.ConversationId == channel).OrderBy(m => m.CreatedAt).ToList();
        Assert.True(inChannel.Count >= 2);
        Assert.Equal(inChannel.Select(m => m.Id), await Notified(client, $$"""{"direction": "newer", "channel_id": "{{channel}}", "limit": 50}"""));
        var pivot = inChannel[1].CreatedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ");
        Assert.Equal(inChannel.Skip(1).Select(m => m.Id), await Notified(client, $$"""{"date": "{{pivot}}", "direction": "newer", "channel_id": "{{channel}}", "limit": 50}"""));
        Assert.Equal(inChannel.Take(2).Reverse().Select(m => m.Id), await Notified(client, $$"""{"date": "{{pivot}}", "direction": "older", "channel_id": "{{channel}}", "limit": 50}"""));

        var all = await Notified(client);
        var dates = all.Select(id => emulator.Data.FindMessage(id)!.CreatedAt).ToList();
        Assert.Equal(dates.OrderDescending(), dates);
    }

    [Fact]
    public async Task A_conversation_the_caller_does_not_collaborate_in_gives_no_notified_messages()
    {
        var (emulator, _) = Create();
        await using var _e = emulator;
        var outsider = emulator.Data.Users.First(u => emulator.Data.Conversations.Any(c => c.MessageCount > 0 && !c.CollaboratorIds.Contains(u.Id)
            && emulator.Data.WorkspacesOf(u.Id).Any(w => w.Id == c.WorkspaceId)));
        var conversation = emulator.Data.Conversations.First(c => c.MessageCount > 0 && !c.CollaboratorIds.Contains(outsider.Id)
            && emulator.Data.WorkspacesOf(outsider.Id).Any(w => w.Id == c.WorkspaceId));
        emulator.Control.PostMessage(conversation.Id, conversation.CollaboratorIds[0], "not for the outsider");
        using var client = Emu.Client(emulator, emulator.IssueTokens(outsider.Id).AccessToken);
        Assert.Empty(await Notified(client, $$"""{"channel_id": "{{conversation.Id}}", "limit": 50}"""));
        var (_, recent) = await Emu.PostJson(client, "/v3/messages/recent", $$"""{"channel_id": "{{conversation.Id}}", "limit": 5}""");
        Assert.Equal(5, recent.GetArrayLength());
    }
}
