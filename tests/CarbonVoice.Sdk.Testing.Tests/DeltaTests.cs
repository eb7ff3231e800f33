using System.Text.Json;

namespace CarbonVoice.Sdk.Testing.Tests;

public sealed class DeltaTests
{
    private static string Iso(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ");

    [Fact]
    public async Task Control_writes_show_up_in_notified_including_deletions()
    {
        var (emulator, time) = Emu.Create();
        await using var _e = emulator;
        var user = emulator.Data.Users[0].Id;
        var conversation = emulator.Data.ConversationsIn(emulator.Data.WorkspacesOf(user)[0].Id)[0];
        var existing = emulator.Data.MessagesIn(conversation.Id);
        using var client = Emu.UserClient(emulator);
        using var control = Emu.Client(emulator);

        time.Advance(TimeSpan.FromMinutes(1));
        var since = time.GetUtcNow();
        var (posted, body) = await Emu.PostJson(control, "/_emulator/messages", $$"""{"conversation_id": "{{conversation.Id}}", "creator_id": "{{user}}", "transcript": "new one"}""");
        Assert.Equal(201, posted);
        var newId = body.GetProperty("id").GetString();
        time.Advance(TimeSpan.FromSeconds(1));
        using (var edit = await control.PatchAsync($"/_emulator/messages/{existing[0].Id}", new StringContent("""{"transcript": "edited"}""")))
        {
            Assert.Equal(200, (int)edit.StatusCode);
        }

        using (var delete = await control.DeleteAsync($"/_emulator/messages/{existing[1].Id}"))
        {
            Assert.Equal(200, (int)delete.StatusCode);
        }

        var (status, delta) = await Emu.PostJson(client, "/v3/messages/notified", $$"""{"date": "{{Iso(since)}}", "direction": "newer", "limit": 100}""");
        Assert.Equal(200, status);
        var byId = delta.EnumerateArray().ToDictionary(m => m.GetProperty("message_id").GetString()!);
        Assert.Equal(3, byId.Count);
        Assert.Equal(conversation.MessageCount + 1, byId[newId!].GetProperty("sequence").GetInt32());
        Assert.Equal("edited", byId[existing[0].Id].GetProperty("text_models")[0].GetProperty("value").GetString());
        var tombstone = byId[existing[1].Id];
        Assert.Equal("deleted", tombstone.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.String, tombstone.GetProperty("deleted_at").ValueKind);

        // Deleted messages leave normal lists and windows; by id they are a tombstone.
        var (_, window) = await Emu.GetJson(client, $"/v3/messages/{conversation.Id}/sequential/1/5");
        Assert.DoesNotContain(window.EnumerateArray(), m => m.GetProperty("message_id").GetString() == existing[1].Id);
        var (_, ids) = await Emu.GetJson(client, $"/v5/conversations/{conversation.Id}/messages/ids?limit=1000");
        Assert.DoesNotContain(ids.GetProperty("results").EnumerateArray(), m => m.GetString() == existing[1].Id);
        Assert.Equal(conversation.MessageCount, ids.GetProperty("total").GetInt32());
        var (one, single) = await Emu.GetJson(client, $"/v5/messages/{existing[1].Id}");
        Assert.Equal(200, one);
        Assert.Equal("deleted", single.GetProperty("message").GetProperty("status").GetString());
        var (_, recent) = await Emu.PostJson(client, "/v3/messages/recent", $$"""{"date": "{{Iso(since)}}", "direction": "newer", "limit": 100, "use_last_updated": true}""");
        Assert.Equal(2, recent.GetArrayLength());

        var (_, state) = await Emu.GetJson(control, "/_emulator/state");
        Assert.Equal(1, state.GetProperty("deleted_messages").GetInt32());
    }

    [Fact]
    public async Task With_quirks_reactions_bump_updated_at_and_resurface_in_last_updated_polling()
    {
        var (emulator, time) = Emu.Create(o =>
        {
            o.Quirks.Enabled = true;
            o.Quirks.Burst502Probability = 0;
        });
        await using var _e = emulator;
        var user = emulator.Data.Users[0].Id;
        var conversation = emulator.Data.ConversationsIn(emulator.Data.WorkspacesOf(user)[0].Id)[0];
        var message = emulator.Data.MessagesIn(conversation.Id)[0];
        time.Advance(TimeSpan.FromMinutes(5));
        var since = time.GetUtcNow();
        using var control = Emu.Client(emulator);
        var (status, _) = await Emu.PostJson(control, $"/_emulator/messages/{message.Id}/reactions", $$"""{"user_id": "{{user}}", "reaction_id": "heart"}""");
        Assert.Equal(200, status);
        using var client = Emu.UserClient(emulator);
        var (_, recent) = await Emu.PostJson(client, "/v3/messages/recent", $$"""{"date": "{{Iso(since)}}", "direction": "newer", "use_last_updated": true, "channel_id": "{{conversation.Id}}"}""");
        Assert.Equal(message.Id, recent.EnumerateArray().Single().GetProperty("message_id").GetString());
        Assert.True(recent[0].GetProperty("reaction_summary").GetProperty("reaction_counts").GetProperty("heart").GetInt32() >= 1);
    }

    [Fact]
    public async Task Paging_over_a_large_generated_conversation_by_sequence_sees_every_message_once()
    {
        var (emulator, _) = Emu.Create(o => o.Workspaces = 1);
        await using var _e = emulator;
        var user = emulator.Data.Users[0].Id;
        var id = emulator.Control.CreateConversation(emulator.Data.WorkspacesOf(user)[0].Id, "Big", generatedMessages: 10_000);
        using var client = Emu.UserClient(emulator);
        var sequences = new List<int>();
        for (var start = 1; ; start += 500)
        {
            var (_, page) = await Emu.GetJson(client, $"/v3/messages/{id}/sequential/{start}/{start + 499}");
            if (page.GetArrayLength() == 0)
            {
                break;
            }

            sequences.AddRange(page.EnumerateArray().Select(m => m.GetProperty("sequence").GetInt32()));
        }

        Assert.Equal(Enumerable.Range(1, 10_000), sequences);
    }
}
