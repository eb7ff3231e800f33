using System.Globalization;
using System.Text.Json;

namespace CarbonVoice.Sdk.Testing.Tests;

/// <summary>A posted message is processing, without a transcript in any shape, until created_at + Quirks.TranscriptDelay (quirks off).</summary>
public sealed class TranscriptReadinessTests
{
    private static DateTimeOffset Parse(JsonElement element, string name) => DateTimeOffset.Parse(element.GetProperty(name).GetString()!, CultureInfo.InvariantCulture);

    private static (CarbonVoiceEmulator Emulator, Microsoft.Extensions.Time.Testing.FakeTimeProvider Time, string User, string Conversation) Create(Action<EmulatorOptions>? configure = null)
    {
        var (emulator, time) = Emu.Create(configure);
        var user = emulator.Data.Users[0].Id;
        return (emulator, time, user, emulator.Data.ConversationsIn(emulator.Data.WorkspacesOf(user)[0].Id)[0].Id);
    }

    [Fact]
    public async Task A_posted_message_has_no_transcript_in_any_shape_until_the_delay_then_is_active_with_updated_at_at_the_ready_time()
    {
        var (emulator, time, user, conversation) = Create();
        await using var _e = emulator;
        Assert.False(emulator.Options.Quirks.Enabled);
        using var client = Emu.UserClient(emulator, 1);
        time.Advance(TimeSpan.FromMinutes(1));
        var created = time.GetUtcNow();
        var id = emulator.Control.PostMessage(conversation, user, "not transcribed yet");

        async Task AssertProcessing()
        {
            var v6 = (await Emu.GetJson(client, $"/v6/messages/{id}")).Body.GetProperty("message");
            Assert.Equal("processing", v6.GetProperty("status").GetString());
            var content = v6.GetProperty("content");
            Assert.False(content.TryGetProperty("transcript", out _));
            Assert.False(content.TryGetProperty("time_codes", out _));
            Assert.True(content.TryGetProperty("url", out _));
            Assert.Equal(created, Parse(v6, "updated_at"));
            var v5 = (await Emu.GetJson(client, $"/v5/messages/{id}")).Body.GetProperty("message");
            Assert.Equal("processing", v5.GetProperty("status").GetString());
            Assert.False(v5.TryGetProperty("transcript", out _));
            Assert.False(v5.TryGetProperty("time_codes", out _));
            var v3 = (await Emu.GetJson(client, $"/v3/messages/{id}")).Body;
            Assert.Equal("processing", v3.GetProperty("status").GetString());
            Assert.Equal(0, v3.GetProperty("text_models").GetArrayLength());
            var snapshot = emulator.Data.FindMessage(id)!;
            Assert.Equal("processing", snapshot.Status);
            Assert.False(snapshot.IsTranscriptReady);
            Assert.Equal(created + emulator.Options.Quirks.TranscriptDelay, snapshot.TranscriptReadyAt);
        }

        await AssertProcessing();
        time.Advance(TimeSpan.FromSeconds(12) - TimeSpan.FromMilliseconds(1));
        await AssertProcessing();
        time.Advance(TimeSpan.FromMilliseconds(1));

        var ready = created.AddSeconds(12);
        var message = (await Emu.GetJson(client, $"/v6/messages/{id}")).Body.GetProperty("message");
        Assert.Equal("active", message.GetProperty("status").GetString());
        Assert.Equal("not transcribed yet", Feeds.Words(message));
        Assert.Equal(ready, Parse(message, "updated_at"));
        Assert.Equal(created, Parse(message, "created_at"));
        var v5 = (await Emu.GetJson(client, $"/v5/messages/{id}")).Body.GetProperty("message");
        Assert.Equal("not transcribed yet", v5.GetProperty("transcript").GetString());
        Assert.Equal(ready, Parse(v5, "updated_at"));
        var v3 = (await Emu.GetJson(client, $"/v3/messages/{id}")).Body;
        Assert.Equal("transcript_with_timecode", v3.GetProperty("text_models")[0].GetProperty("type").GetString());
        Assert.Equal(ready, Parse(v3, "last_updated_at"));
        Assert.Equal("active", emulator.Data.FindMessage(id)!.Status);
        Assert.Equal(ready, emulator.Data.FindMessage(id)!.UpdatedAt);
    }

    [Fact]
    public async Task The_change_feed_brings_the_message_again_once_its_transcript_is_ready()
    {
        var (emulator, time, user, conversation) = Create();
        await using var _e = emulator;
        using var client = Emu.UserClient(emulator);
        time.Advance(TimeSpan.FromMinutes(1));
        var id = emulator.Control.PostMessage(conversation, user, "arrives twice");
        var first = await Feeds.Walk(client, Feeds.Updates, $"conversation_id={conversation}", $"date={Feeds.Iso(time.GetUtcNow())}");
        var row = first.SelectMany(p => p.Rows).Single();
        Assert.Equal("processing", row.GetProperty("status").GetString());

        time.Advance(TimeSpan.FromSeconds(30));
        var poll = await Feeds.Get(client, Feeds.Updates, $"conversation_id={conversation}&cursor={Uri.EscapeDataString(first[^1].NextCursor!)}");
        var again = poll.Rows.Single();
        Assert.Equal(id, again.GetProperty("id").GetString());
        Assert.Equal("active", again.GetProperty("status").GetString());
        Assert.True(Parse(again, "updated_at") > Parse(row, "updated_at"));
        Assert.Equal("arrives twice", Feeds.Words(again));
    }

    [Fact]
    public async Task An_edit_is_ready_at_once_bumps_updated_at_and_the_delayed_finished_event_is_not_sent_again()
    {
        var capture = new CapturingHandler();
        var (emulator, time, user, conversation) = Create(o => o.Webhooks.Handler = capture);
        await using var _e = emulator;
        emulator.SubscribeWebhook(user, new Uri("https://bde.example/hooks"), "message.*");
        time.Advance(TimeSpan.FromMinutes(1));
        var id = emulator.Control.PostMessage(conversation, user, "first take");
        time.Advance(TimeSpan.FromSeconds(2));
        emulator.Control.EditMessage(id, "second take");
        var edited = emulator.Data.FindMessage(id)!;
        Assert.Equal("active", edited.Status);
        Assert.Equal(time.GetUtcNow(), edited.UpdatedAt);
        using var client = Emu.UserClient(emulator);
        Assert.Equal("second take", Feeds.Words((await Emu.GetJson(client, $"/v6/messages/{id}")).Body.GetProperty("message")));

        time.Advance(TimeSpan.FromSeconds(30));
        await emulator.FlushWebhooksAsync();
        var events = capture.Received.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("eventName").GetString()).ToArray();
        Assert.Equal(new[] { "message.posted.to.channel", "message.finished" }, events);
        Assert.Equal(edited.UpdatedAt, emulator.Data.FindMessage(id)!.UpdatedAt);
    }

    [Fact]
    public async Task A_message_deleted_before_it_is_ready_stays_a_tombstone_without_a_finished_event()
    {
        var capture = new CapturingHandler();
        var (emulator, time, user, conversation) = Create(o => o.Webhooks.Handler = capture);
        await using var _e = emulator;
        emulator.SubscribeWebhook(user, new Uri("https://bde.example/hooks"), "message.*");
        var id = emulator.Control.PostMessage(conversation, user, "gone soon");
        time.Advance(TimeSpan.FromSeconds(1));
        emulator.Control.DeleteMessage(id);
        var deletedAt = time.GetUtcNow();
        time.Advance(TimeSpan.FromSeconds(30));
        await emulator.FlushWebhooksAsync();
        var events = capture.Received.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("eventName").GetString()).ToArray();
        Assert.Equal(new[] { "message.posted.to.channel", "message.deleted" }, events);
        var message = emulator.Data.FindMessage(id)!;
        Assert.Equal("deleted", message.Status);
        Assert.Equal(deletedAt, message.UpdatedAt);
        Assert.Equal(deletedAt, message.DeletedAt);
    }

    [Fact]
    public async Task Generated_data_is_ready_and_a_zero_delay_makes_posts_ready_at_once()
    {
        var (emulator, _, user, conversation) = Create(o => o.Quirks.TranscriptDelay = TimeSpan.Zero);
        await using var _e = emulator;
        Assert.All(emulator.Data.Conversations.SelectMany(c => emulator.Data.MessagesIn(c.Id)), m =>
        {
            Assert.Equal("active", m.Status);
            Assert.True(m.IsTranscriptReady);
            Assert.Equal(m.CreatedAt, m.TranscriptReadyAt);
        });
        var id = emulator.Control.PostMessage(conversation, user, "instant");
        Assert.Equal("active", emulator.Data.FindMessage(id)!.Status);
    }
}
