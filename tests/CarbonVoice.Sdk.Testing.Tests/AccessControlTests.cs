namespace CarbonVoice.Sdk.Testing.Tests;

public sealed class AccessControlTests
{
    [Fact]
    public async Task A_user_cannot_see_another_users_workspace_conversations_or_messages()
    {
        var (emulator, _) = Emu.Create();
        await using var _e = emulator;
        var me = emulator.Data.Users[0].Id;
        var mine = emulator.Data.WorkspacesOf(me).Select(w => w.Id).ToHashSet();
        var foreign = emulator.Data.Workspaces.Single(w => !mine.Contains(w.Id));
        var conversation = emulator.Data.ConversationsIn(foreign.Id).First(c => c.MessageCount > 0);
        var message = emulator.Data.MessagesIn(conversation.Id)[0];
        using var client = Emu.UserClient(emulator);

        var (_, list) = await Emu.GetJson(client, "/v5/workspaces?limit=100");
        Assert.DoesNotContain(list.GetProperty("results").EnumerateArray(), w => w.GetProperty("id").GetString() == foreign.Id);
        foreach (var path in new[]
        {
            $"/v5/workspaces/{foreign.Id}", $"/v3/workspaces/{foreign.Id}", $"/channels/{foreign.Id}", $"/v2/channel/{conversation.Id}",
            $"/channel/{conversation.Id}", $"/v5/messages/{message.Id}", $"/v5/conversations/{conversation.Id}/messages/ids",
            $"/v3/messages/{conversation.Id}/sequential/1/5", $"/v3/messages/{conversation.Id}/by-id", $"/action-items/channel/{conversation.Id}",
        })
        {
            var (status, body) = await Emu.GetJson(client, path);
            Assert.True(status == 403, $"{path} answered {status}");
            Emu.AssertErrorBody(body);
        }

        var (byIds, _) = await Emu.PostJson(client, "/v5/messages/by-ids", $$"""{"conversation_id": "{{conversation.Id}}", "message_ids": ["{{message.Id}}"]}""");
        Assert.Equal(403, byIds);
        var (recent, _) = await Emu.PostJson(client, "/v3/messages/recent", $$"""{"channel_id": "{{conversation.Id}}"}""");
        Assert.Equal(403, recent);
        var (_, all) = await Emu.PostJson(client, "/v3/messages/recent", """{"limit": 100, "direction": "older"}""");
        Assert.DoesNotContain(all.EnumerateArray(), m => m.GetProperty("workspace_ids")[0].GetString() == foreign.Id);

        // The owner of that workspace sees it.
        using var owner = Emu.Client(emulator, emulator.IssueTokens(foreign.OwnerId).AccessToken);
        Assert.Equal(200, (await Emu.GetJson(owner, $"/v5/messages/{message.Id}")).Status);
    }

    [Fact]
    public async Task Unknown_ids_are_404()
    {
        var (emulator, _) = Emu.Create();
        await using var _e = emulator;
        using var client = Emu.UserClient(emulator);
        foreach (var path in new[] { "/v5/workspaces/AAAAAAAAAAAA", "/channels/AAAAAAAAAAAA", "/v2/channel/AAAAAAAAAAAAAAAA", "/v5/messages/nope", "/data-exporter/nope" })
        {
            var (status, body) = await Emu.GetJson(client, path);
            Assert.True(status == 404, $"{path} answered {status}");
            Emu.AssertErrorBody(body);
        }
    }
}
