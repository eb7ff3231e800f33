using System.Text.Json;

namespace CarbonVoice.Sdk.Testing.Tests;

/// <summary>A conversation deleted on the backend: 403 on every read, out of the listing (unless stale) and out of the feeds.</summary>
public sealed class DeletedConversationTests
{
    private static (CarbonVoiceEmulator Emulator, CapturingHandler Capture, string Workspace, EmulatorConversation Conversation, EmulatorMessage Message) Create()
    {
        var capture = new CapturingHandler();
        var (emulator, _) = Emu.Create(o => o.Webhooks.Handler = capture);
        var me = emulator.Data.Users[0].Id;
        var workspace = emulator.Data.WorkspacesOf(me)[0].Id;
        var conversation = emulator.Data.ConversationsIn(workspace).First(c => c.MessageCount > 0 && emulator.Data.ActionItemIdsIn(c.Id).Count > 0);
        return (emulator, capture, workspace, conversation, emulator.Data.MessagesIn(conversation.Id)[0]);
    }

    private static string[] Paths(string workspace, string conversation, string message) =>
    [
        $"/v2/channel/{conversation}",
        $"/channel/{conversation}",
        $"/channel/collaborators/{workspace}/{conversation}",
        $"/channels/{conversation}/summary",
        $"/v6/messages?conversation_id={conversation}",
        $"/v6/messages/updates?conversation_id={conversation}",
        $"/v3/messages/{conversation}/by-id",
        $"/v3/messages/{conversation}/sequential/1/10",
        $"/v5/conversations/{conversation}/messages/ids",
        $"/action-items/channel/{conversation}",
        $"/v6/messages/{message}",
        $"/v5/messages/{message}",
        $"/v3/messages/{message}",
    ];

    [Fact]
    public async Task Every_read_of_a_deleted_conversation_is_403_and_unknown_ids_stay_404()
    {
        var (emulator, _, workspace, conversation, message) = Create();
        await using var _e = emulator;
        using var client = Emu.UserClient(emulator);
        foreach (var path in Paths(workspace, conversation.Id, message.Id))
        {
            Assert.True((await Emu.GetJson(client, path)).Status == 200, path);
        }

        emulator.Control.DeleteConversation(conversation.Id);
        foreach (var path in Paths(workspace, conversation.Id, message.Id))
        {
            var (status, body) = await Emu.GetJson(client, path);
            Assert.True(status == 403, $"{path} answered {status}");
            Emu.AssertErrorBody(body);
        }

        foreach (var (path, body) in new[]
        {
            ("/v5/messages/by-ids", $$"""{"conversation_id": "{{conversation.Id}}", "message_ids": ["{{message.Id}}"]}"""),
            ("/v6/messages/by-ids", $$"""{"conversation_id": "{{conversation.Id}}", "message_ids": ["{{message.Id}}"]}"""),
            ("/v3/messages/recent", $$"""{"channel_id": "{{conversation.Id}}"}"""),
            ("/v3/messages/notified", $$"""{"channel_id": "{{conversation.Id}}"}"""),
            ("/v3/search", $$"""{"query": "the", "channel_id": "{{conversation.Id}}"}"""),
            ("/action-items", $$"""{"title": "x", "container_type": "channel", "container_id": "{{conversation.Id}}"}"""),
        })
        {
            var (status, error) = await Emu.PostJson(client, path, body);
            Assert.True(status == 403, $"{path} answered {status}");
            Emu.AssertErrorBody(error);
        }

        foreach (var path in Paths(workspace, "AAAAAAAAAAAAAAAA", "nosuchmessage"))
        {
            var (status, body) = await Emu.GetJson(client, path);
            Assert.True(status == 404, $"{path} answered {status}");
            Emu.AssertErrorBody(body);
        }
    }

    [Fact]
    public async Task A_deleted_conversation_leaves_the_listing_and_the_store_wide_feeds()
    {
        var (emulator, capture, workspace, conversation, _) = Create();
        await using var _e = emulator;
        var me = emulator.Data.Users[0].Id;
        emulator.SubscribeWebhook(me, new Uri("https://bde.example/hooks"), "channel.*");
        using var client = Emu.UserClient(emulator);
        var ids = emulator.Data.MessagesIn(conversation.Id).Select(m => m.Id).ToHashSet();
        Assert.Contains((await Feeds.Walk(client, Feeds.Updates, "limit=200")).SelectMany(p => p.Ids), ids.Contains);

        emulator.Control.DeleteConversation(conversation.Id);
        var (_, channels) = await Emu.GetJson(client, $"/channels/{workspace}");
        Assert.DoesNotContain(channels.EnumerateArray(), c => c.GetProperty("channel_guid").GetString() == conversation.Id);
        Assert.DoesNotContain((await Feeds.Walk(client, Feeds.Updates, "limit=200")).SelectMany(p => p.Ids), ids.Contains);
        Assert.DoesNotContain((await Feeds.Walk(client, Feeds.History, "limit=200")).SelectMany(p => p.Ids), ids.Contains);
        var (_, recent) = await Emu.PostJson(client, "/v3/messages/recent", """{"direction": "older", "limit": 37}""");
        Assert.DoesNotContain(recent.EnumerateArray(), m => ids.Contains(m.GetProperty("message_id").GetString()!));
        Assert.DoesNotContain(emulator.Data.UnreadMessagesOf(me), m => ids.Contains(m.Id));

        Assert.DoesNotContain(emulator.Data.Conversations, c => c.Id == conversation.Id);
        Assert.True(emulator.Data.FindConversation(conversation.Id)!.IsDeleted);
        await emulator.FlushWebhooksAsync();
        using var deleted = JsonDocument.Parse(capture.Received.Single().Body);
        Assert.Equal("channel.deleted", deleted.RootElement.GetProperty("eventName").GetString());
        Assert.Equal(conversation.Id, deleted.RootElement.GetProperty("data").GetProperty("resourceId").GetString());
    }

    [Fact]
    public async Task A_stale_listing_still_lists_it_and_then_its_reads_are_403()
    {
        var (emulator, _, workspace, conversation, _) = Create();
        await using var _e = emulator;
        using var client = Emu.UserClient(emulator);
        using var control = Emu.ControlClient(emulator);
        using (var response = await control.DeleteAsync($"/_emulator/conversations/{conversation.Id}?still_listed=true"))
        {
            Assert.Equal(200, (int)response.StatusCode);
        }

        var (_, channels) = await Emu.GetJson(client, $"/channels/{workspace}");
        var listed = channels.EnumerateArray().Single(c => c.GetProperty("channel_guid").GetString() == conversation.Id);
        Assert.Equal(JsonValueKind.Null, listed.GetProperty("deleted_at").ValueKind);
        Assert.Equal(403, (await Emu.GetJson(client, $"/v2/channel/{conversation.Id}")).Status);
        Assert.Equal(403, (await Emu.GetJson(client, $"{Feeds.History}?conversation_id={conversation.Id}")).Status);

        // Deleting it again without the flag takes it out of the listing.
        emulator.Control.DeleteConversation(conversation.Id);
        Assert.DoesNotContain((await Emu.GetJson(client, $"/channels/{workspace}")).Body.EnumerateArray(), c => c.GetProperty("channel_guid").GetString() == conversation.Id);
        using var unknown = await control.DeleteAsync("/_emulator/conversations/nope");
        Assert.Equal(404, (int)unknown.StatusCode);
    }

    [Fact]
    public async Task Writes_into_a_deleted_conversation_are_refused()
    {
        var (emulator, _, _, conversation, _) = Create();
        await using var _e = emulator;
        emulator.Control.DeleteConversation(conversation.Id);
        Assert.Throws<ArgumentException>(() => emulator.Control.PostMessage(conversation.Id, emulator.Data.Users[0].Id, "too late"));
        Assert.Throws<ArgumentException>(() => emulator.Control.CreateActionItem(conversation.Id, emulator.Data.Users[0].Id, "too late"));
    }
}
