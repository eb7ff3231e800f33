using System.Text.Json;

namespace CarbonVoice.Sdk.Testing.Tests;

/// <summary>Writes and the change feed <c>/v6/messages/updates</c> (the delta), tombstones, windows.</summary>
public sealed class DeltaTests
{
    [Fact]
    public async Task Control_writes_show_up_in_the_updates_feed_including_deletions()
    {
        var (emulator, time) = Emu.Create();
        await using var _e = emulator;
        var user = emulator.Data.Users[0].Id;
        var conversation = emulator.Data.ConversationsIn(emulator.Data.WorkspacesOf(user)[0].Id)[0];
        var existing = emulator.Data.MessagesIn(conversation.Id);
        using var client = Emu.UserClient(emulator);
        using var control = Emu.ControlClient(emulator);

        time.Advance(TimeSpan.FromMinutes(1));
        var since = time.GetUtcNow();
        var (posted, body) = await Emu.PostJson(control, "/_emulator/messages", $$"""{"conversation_id": "{{conversation.Id}}", "creator_id": "{{user}}", "transcript": "new one"}""");
        Assert.Equal(201, posted);
        var newId = body.GetProperty("id").GetString()!;
        time.Advance(TimeSpan.FromSeconds(1));
        using (var edit = await control.PatchAsync($"/_emulator/messages/{existing[0].Id}", new StringContent("""{"transcript": "edited words"}""")))
        {
            Assert.Equal(200, (int)edit.StatusCode);
        }

        using (var delete = await control.DeleteAsync($"/_emulator/messages/{existing[1].Id}"))
        {
            Assert.Equal(200, (int)delete.StatusCode);
        }

        Assert.Equal(200, (await Emu.PostJson(control, $"/_emulator/messages/{existing[2].Id}/reactions", $$"""{"user_id": "{{user}}", "reaction_id": "heart"}""")).Status);

        foreach (var scope in new[] { $"conversation_id={conversation.Id}", string.Empty })
        {
            var pages = await Feeds.Walk(client, Feeds.Updates, scope, $"date={Feeds.Iso(since)}");
            var byId = pages.SelectMany(p => p.Rows).ToDictionary(m => m.GetProperty("id").GetString()!);
            Assert.Equal(new[] { newId, existing[0].Id, existing[1].Id, existing[2].Id }.Order(), byId.Keys.Order());
            Assert.Equal("processing", byId[newId].GetProperty("status").GetString());
            Assert.Equal("edited words", Feeds.Words(byId[existing[0].Id]));
            var tombstone = byId[existing[1].Id];
            Assert.Equal("deleted", tombstone.GetProperty("status").GetString());
            Assert.Equal(JsonValueKind.String, tombstone.GetProperty("deleted_at").ValueKind);
            Assert.False(tombstone.TryGetProperty("content", out _));
            Assert.True(byId[existing[2].Id].GetProperty("reaction_summary").GetProperty("reaction_counts").GetProperty("heart").GetInt32() >= 1);
        }

        // Deleted messages leave the history feed, lists and windows; by id they are a tombstone.
        var history = Feeds.Ids(await Feeds.Walk(client, Feeds.History, $"conversation_id={conversation.Id}"));
        Assert.DoesNotContain(existing[1].Id, history);
        Assert.Contains(existing[0].Id, history);
        var (_, window) = await Emu.GetJson(client, $"/v3/messages/{conversation.Id}/sequential/1/5");
        Assert.DoesNotContain(window.EnumerateArray(), m => m.GetProperty("message_id").GetString() == existing[1].Id);
        var (_, ids) = await Emu.GetJson(client, $"/v5/conversations/{conversation.Id}/messages/ids?limit=1000");
        Assert.DoesNotContain(ids.GetProperty("results").EnumerateArray(), m => m.GetString() == existing[1].Id);
        Assert.Equal(conversation.MessageCount, ids.GetProperty("total").GetInt32());
        var (one, single) = await Emu.GetJson(client, $"/v6/messages/{existing[1].Id}");
        Assert.Equal(200, one);
        Assert.Equal("deleted", single.GetProperty("message").GetProperty("status").GetString());
        Assert.Equal("deleted", (await Emu.GetJson(client, $"/v5/messages/{existing[1].Id}")).Body.GetProperty("message").GetProperty("status").GetString());

        // v3 use_last_updated polling sees the new, edited and reacted messages (deleted ones are left out of recent).
        var (_, recent) = await Emu.PostJson(client, "/v3/messages/recent", $$"""{"date": "{{since.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ}}", "direction": "newer", "limit": 100, "use_last_updated": true}""");
        Assert.Equal(new[] { newId, existing[0].Id, existing[2].Id }.Order(), recent.EnumerateArray().Select(m => m.GetProperty("message_id").GetString()!).Order());

        var (_, state) = await Emu.GetJson(control, "/_emulator/state");
        Assert.Equal(1, state.GetProperty("deleted_messages").GetInt32());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Reactions_bump_updated_at_unless_turned_off_and_quirks_do_not_matter(bool bump)
    {
        var (emulator, time) = Emu.Create(o => o.Quirks.ReactionsBumpUpdatedAt = bump);
        await using var _e = emulator;
        Assert.False(emulator.Options.Quirks.Enabled);
        var user = emulator.Data.Users[0].Id;
        var conversation = emulator.Data.ConversationsIn(emulator.Data.WorkspacesOf(user)[0].Id)[0];
        var message = emulator.Data.MessagesIn(conversation.Id)[0];
        time.Advance(TimeSpan.FromMinutes(5));
        var since = time.GetUtcNow();
        emulator.Control.AddReaction(message.Id, user, "heart");
        Assert.Equal(bump ? since : message.UpdatedAt, emulator.Data.FindMessage(message.Id)!.UpdatedAt);
        using var client = Emu.UserClient(emulator);
        var page = await Feeds.Get(client, Feeds.Updates, $"conversation_id={conversation.Id}&date={Feeds.Iso(since)}");
        Assert.Equal(bump ? new[] { message.Id } : [], page.Ids);
        var (_, recent) = await Emu.PostJson(client, "/v3/messages/recent", $$"""{"date": "{{since.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ}}", "direction": "newer", "use_last_updated": true, "channel_id": "{{conversation.Id}}"}""");
        Assert.Equal(bump ? 1 : 0, recent.GetArrayLength());
    }

    [Fact]
    public async Task Sequential_windows_over_a_large_generated_conversation_see_every_message_once()
    {
        var (emulator, _) = Emu.Create(o => o.Workspaces = 1);
        await using var _e = emulator;
        var user = emulator.Data.Users[0].Id;
        var id = emulator.Control.CreateConversation(emulator.Data.WorkspacesOf(user)[0].Id, "Big", generatedMessages: 10_000);
        using var client = Emu.UserClient(emulator);
        var seen = new List<string>();
        for (var start = 1; ; start += 500)
        {
            var (_, page) = await Emu.GetJson(client, $"/v3/messages/{id}/sequential/{start}/{start + 499}");
            if (page.GetArrayLength() == 0)
            {
                break;
            }

            seen.AddRange(page.EnumerateArray().Select(m => m.GetProperty("message_id").GetString()!));
        }

        Assert.Equal(emulator.Data.MessagesIn(id).Select(m => m.Id), seen);
    }
}
