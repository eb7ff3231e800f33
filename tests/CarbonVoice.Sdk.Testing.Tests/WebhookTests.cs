using System.Text.Json;

namespace CarbonVoice.Sdk.Testing.Tests;

public sealed class WebhookTests
{
    private static (CarbonVoiceEmulator, Microsoft.Extensions.Time.Testing.FakeTimeProvider, CapturingHandler) Create()
    {
        var capture = new CapturingHandler();
        var (emulator, time) = Emu.Create(o =>
        {
            o.Webhooks.Handler = capture;
            o.Webhooks.HeaderName = "X-Carbon-Secret";
            o.Webhooks.HeaderValue = "s3cret";
        });
        return (emulator, time, capture);
    }

    [Fact]
    public async Task Subscribe_over_http_then_a_posted_message_is_delivered_with_header_and_payload()
    {
        var (emulator, time, capture) = Create();
        await using var _e = emulator;
        using var client = Emu.UserClient(emulator);
        var (status, subscription) = await Emu.PostJson(client, "/apps/emulator-client/subscribe",
            """{"subscriptions": ["message.posted.to.channel", "message.finished", "message.deleted"], "webhookURL": "https://bde.example/hooks/cv"}""");
        Assert.Equal(201, status);
        foreach (var name in new[] { "id", "client_id", "user_id", "subscriptions", "webhookURL", "created_at", "updated_at" })
        {
            Assert.True(subscription.TryGetProperty(name, out _), name);
        }

        Assert.Equal(400, (await Emu.PostJson(client, "/apps/emulator-client/subscribe", """{"webhookURL": "https://bde.example/hooks/cv"}""")).Status);

        var user = emulator.Data.Users[0].Id;
        var conversation = emulator.Data.ConversationsIn(emulator.Data.WorkspacesOf(user)[0].Id)[0];
        var id = emulator.Control.PostMessage(conversation.Id, user, "Hello from the control API 👋");
        await emulator.FlushWebhooksAsync();
        Assert.Single(capture.Received);
        time.Advance(emulator.Options.Quirks.TranscriptDelay);
        await emulator.FlushWebhooksAsync();

        var received = capture.Received.ToArray();
        Assert.Equal(2, received.Length);
        Assert.All(received, r => Assert.Equal("s3cret", r.Headers["X-Carbon-Secret"]));
        Assert.All(received, r => Assert.Equal("https://bde.example/hooks/cv", r.Url.ToString()));
        using var posted = JsonDocument.Parse(received[0].Body);
        var root = posted.RootElement;
        Assert.Equal("message.posted.to.channel", root.GetProperty("eventName").GetString());
        Assert.Equal(user, root.GetProperty("subscribedUserIds")[0].GetString());
        Assert.Equal(user, root.GetProperty("subscribedUserSettings")[0].GetProperty("user_id").GetString());
        var data = root.GetProperty("data");
        Assert.Equal("message.posted.to.channel", data.GetProperty("eventName").GetString());
        Assert.Equal(id, data.GetProperty("resourceId").GetString());
        Assert.Equal("Message", data.GetProperty("resourceType").GetString());
        var resource = data.GetProperty("resource");
        Assert.Equal(id, resource.GetProperty("id").GetString());
        Assert.Equal(conversation.Id, resource.GetProperty("channel_id").GetString());
        Assert.Equal(conversation.WorkspaceId, resource.GetProperty("workspace_id").GetString());
        Assert.Equal("processing", resource.GetProperty("status").GetString());
        Assert.False(resource.TryGetProperty("transcript_txt", out _));
        using var finished = JsonDocument.Parse(received[1].Body);
        Assert.Equal("message.finished", finished.RootElement.GetProperty("eventName").GetString());
        var ready = finished.RootElement.GetProperty("data").GetProperty("resource");
        Assert.Equal("active", ready.GetProperty("status").GetString());
        Assert.Equal("Hello from the control API 👋", ready.GetProperty("transcript_txt").GetString());

        emulator.Control.DeleteMessage(id);
        await emulator.FlushWebhooksAsync();
        using var deleted = JsonDocument.Parse(capture.Received.Last().Body);
        Assert.Equal("message.deleted", deleted.RootElement.GetProperty("eventName").GetString());
        Assert.Equal("deleted", deleted.RootElement.GetProperty("data").GetProperty("resource").GetProperty("status").GetString());
        Assert.All(emulator.WebhookDeliveries, d => Assert.Equal(200, d.Status));

        using var unsubscribe = await client.DeleteAsync($"/apps/emulator-client/unsubscribe/{subscription.GetProperty("id").GetString()}");
        Assert.Equal(200, (int)unsubscribe.StatusCode);
        emulator.Control.PostMessage(conversation.Id, user, "nobody listens");
        await emulator.FlushWebhooksAsync();
        Assert.Equal(3, capture.Received.Count);
    }

    [Fact]
    public async Task Message_finished_waits_for_the_transcript_delay_with_quirks_off()
    {
        var (emulator, time, capture) = Create();
        await using var _e = emulator;
        Assert.False(emulator.Options.Quirks.Enabled);
        var user = emulator.Data.Users[0].Id;
        emulator.SubscribeWebhook(user, new Uri("https://bde.example/hooks"), "message.*");
        var conversation = emulator.Data.ConversationsIn(emulator.Data.WorkspacesOf(user)[0].Id)[0];
        var id = emulator.Control.PostMessage(conversation.Id, user, "late transcript");
        await emulator.FlushWebhooksAsync();
        Assert.Single(capture.Received);
        using var client = Emu.UserClient(emulator);
        var (_, early) = await Emu.GetJson(client, $"/v5/messages/{id}");
        Assert.False(early.GetProperty("message").TryGetProperty("transcript", out _));

        time.Advance(TimeSpan.FromSeconds(12) - TimeSpan.FromMilliseconds(1));
        await emulator.FlushWebhooksAsync();
        Assert.Single(capture.Received);
        time.Advance(TimeSpan.FromMilliseconds(1));
        await emulator.FlushWebhooksAsync();
        Assert.Equal(2, capture.Received.Count);
        using var finished = JsonDocument.Parse(capture.Received.Last().Body);
        Assert.Equal("message.finished", finished.RootElement.GetProperty("eventName").GetString());
        Assert.Equal("late transcript", finished.RootElement.GetProperty("data").GetProperty("resource").GetProperty("transcript_txt").GetString());
        var (_, late) = await Emu.GetJson(client, $"/v5/messages/{id}");
        Assert.Equal("late transcript", late.GetProperty("message").GetProperty("transcript").GetString());
    }

    [Fact]
    public async Task Channel_and_action_item_events_reach_members_only()
    {
        var (emulator, _, capture) = Create();
        await using var _e = emulator;
        var me = emulator.Data.Users[0].Id;
        emulator.SubscribeWebhook(me, new Uri("https://bde.example/hooks"));
        var foreign = emulator.Data.Workspaces.Single(w => !w.MemberIds.Contains(me));
        emulator.Control.CreateConversation(foreign.Id, "Secret");
        var mine = emulator.Data.WorkspacesOf(me)[0];
        var conversationId = emulator.Control.CreateConversation(mine.Id, "Launch 🚀", generatedMessages: 3);
        using var client = Emu.UserClient(emulator);
        await Emu.PostJson(client, "/action-items", $$"""{"title": "Ship", "container_type": "channel", "container_id": "{{conversationId}}"}""");
        await emulator.FlushWebhooksAsync();
        var events = capture.Received.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("eventName").GetString()).ToArray();
        Assert.Equal(new[] { "channel.created", "action-item.created" }, events);
        Assert.Equal(3, emulator.Data.MessagesIn(conversationId).Count);
    }
}
