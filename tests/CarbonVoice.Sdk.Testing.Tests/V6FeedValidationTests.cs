using System.Buffers.Text;
using System.Text;

namespace CarbonVoice.Sdk.Testing.Tests;

/// <summary>The 400s of the v6 feeds (NestJS body for bad parameters, "Invalid cursor" for cursors), access, and changes during a walk.</summary>
public sealed class V6FeedValidationTests : IAsyncLifetime
{
    private CarbonVoiceEmulator _emulator = null!;
    private HttpClient _client = null!;
    private EmulatorConversation _conversation = null!;
    private EmulatorConversation _other = null!;

    public Task InitializeAsync()
    {
        (_emulator, _) = Emu.Create();
        _client = Emu.UserClient(_emulator);
        var conversations = _emulator.Data.ConversationsIn(_emulator.Data.WorkspacesOf(_emulator.Data.Users[0].Id)[0].Id).Where(c => c.MessageCount > 0).ToList();
        (_conversation, _other) = (conversations[0], conversations[1]);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _emulator.DisposeAsync();
    }

    private async Task<string> CursorOf(string feed, string query) => (await Feeds.Get(_client, feed, query)).NextCursor!;

    [Theory]
    [InlineData("limit=201", "limit must not be greater than 200")]
    [InlineData("limit=1000", "limit must not be greater than 200")]
    [InlineData("limit=0", "limit must not be less than 1")]
    [InlineData("limit=ten", "limit must be an integer number")]
    [InlineData("channel_id=abc", "property channel_id should not exist")]
    [InlineData("direction=sideways", "direction must be one of the following values: newer, older")]
    [InlineData("date=yesterday", "date must be a valid ISO 8601 date string")]
    public async Task Bad_parameters_are_400_with_the_NestJS_body_on_both_feeds(string query, string message)
    {
        foreach (var feed in new[] { Feeds.History, Feeds.Updates })
        {
            var (status, body) = await Emu.GetJson(_client, $"{feed}?{query}");
            Feeds.AssertValidationError(status, body, message);
        }

        Assert.Equal(200, (await Emu.GetJson(_client, $"{Feeds.History}?limit=200")).Status);
        Assert.Equal(200, (await Emu.GetJson(_client, $"{Feeds.Updates}?limit=1")).Status);
    }

    [Fact]
    public async Task Several_problems_are_listed_together()
    {
        var (status, body) = await Emu.GetJson(_client, $"{Feeds.Updates}?limit=500&channel_id={_conversation.Id}");
        Feeds.AssertValidationError(status, body, "limit must not be greater than 200");
        Feeds.AssertValidationError(status, body, "property channel_id should not exist");
    }

    [Fact]
    public async Task Undecodable_cursors_are_400_invalid_cursor()
    {
        var notJson = Base64Url.EncodeToString(Encoding.UTF8.GetBytes("not json"));
        var wrongShape = Base64Url.EncodeToString(Encoding.UTF8.GetBytes("""{"g": "one", "k": 5}"""));
        foreach (var cursor in new[] { "abc!!", "%%%", notJson, wrongShape, Base64Url.EncodeToString("[]"u8) })
        {
            foreach (var feed in new[] { Feeds.History, Feeds.Updates })
            {
                var (status, body) = await Emu.GetJson(_client, $"{feed}?cursor={Uri.EscapeDataString(cursor)}");
                Feeds.AssertInvalidCursor(status, body);
            }
        }
    }

    [Fact]
    public async Task A_cursor_of_another_feed_conversation_filter_or_direction_is_400_invalid_cursor()
    {
        var history = await CursorOf(Feeds.History, $"conversation_id={_conversation.Id}&limit=3");
        var updates = await CursorOf(Feeds.Updates, $"conversation_id={_conversation.Id}&limit=3");
        var storeWide = await CursorOf(Feeds.Updates, "limit=3");
        foreach (var (feed, query) in new[]
        {
            (Feeds.Updates, $"conversation_id={_conversation.Id}&cursor={Uri.EscapeDataString(history)}"),
            (Feeds.History, $"conversation_id={_conversation.Id}&cursor={Uri.EscapeDataString(updates)}"),
            (Feeds.History, $"conversation_id={_other.Id}&cursor={Uri.EscapeDataString(history)}"),
            (Feeds.History, $"cursor={Uri.EscapeDataString(history)}"),
            (Feeds.Updates, $"conversation_id={_conversation.Id}&cursor={Uri.EscapeDataString(storeWide)}"),
            (Feeds.History, $"conversation_id={_conversation.Id}&direction=newer&cursor={Uri.EscapeDataString(history)}"),
            (Feeds.Updates, $"conversation_id={_conversation.Id}&direction=older&cursor={Uri.EscapeDataString(updates)}"),
        })
        {
            var (status, body) = await Emu.GetJson(_client, $"{feed}?{query}");
            Feeds.AssertInvalidCursor(status, body);
        }

        // The right feed, filter and direction accept them.
        Assert.Equal(200, (await Emu.GetJson(_client, $"{Feeds.History}?conversation_id={_conversation.Id}&direction=older&cursor={Uri.EscapeDataString(history)}")).Status);
        Assert.Equal(200, (await Emu.GetJson(_client, $"{Feeds.Updates}?cursor={Uri.EscapeDataString(storeWide)}")).Status);
    }

    [Fact]
    public async Task InvalidateCursors_makes_every_earlier_cursor_400_and_a_fresh_walk_works()
    {
        var midWalk = await CursorOf(Feeds.History, $"conversation_id={_conversation.Id}&limit=3");
        var resume = (await Feeds.Walk(_client, Feeds.Updates, $"conversation_id={_conversation.Id}")).Last().NextCursor!;
        _emulator.Control.InvalidateCursors();
        Feeds.AssertInvalidCursor(await Emu.GetJson(_client, $"{Feeds.History}?conversation_id={_conversation.Id}&cursor={Uri.EscapeDataString(midWalk)}"));
        Feeds.AssertInvalidCursor(await Emu.GetJson(_client, $"{Feeds.Updates}?conversation_id={_conversation.Id}&cursor={Uri.EscapeDataString(resume)}"));

        var fresh = await Feeds.Walk(_client, Feeds.Updates, $"conversation_id={_conversation.Id}&limit=7");
        Assert.Equal(_conversation.MessageCount, Feeds.Ids(fresh).Length);
        Assert.Equal(200, (await Emu.GetJson(_client, $"{Feeds.Updates}?conversation_id={_conversation.Id}&cursor={Uri.EscapeDataString(fresh[^1].NextCursor!)}")).Status);

        // Also through the control API.
        using var control = Emu.ControlClient(_emulator);
        Assert.Equal(200, (await Emu.PostJson(control, "/_emulator/cursors/invalidate", "{}")).Status);
        Feeds.AssertInvalidCursor(await Emu.GetJson(_client, $"{Feeds.Updates}?conversation_id={_conversation.Id}&cursor={Uri.EscapeDataString(fresh[^1].NextCursor!)}"));
    }

    [Fact]
    public async Task A_conversation_of_another_workspace_is_403_and_an_unknown_one_404()
    {
        var foreign = _emulator.Data.Workspaces.Single(w => !w.MemberIds.Contains(_emulator.Data.Users[0].Id));
        var conversation = _emulator.Data.ConversationsIn(foreign.Id)[0];
        foreach (var feed in new[] { Feeds.History, Feeds.Updates })
        {
            var (forbidden, body) = await Emu.GetJson(_client, $"{feed}?conversation_id={conversation.Id}");
            Assert.Equal(403, forbidden);
            Emu.AssertErrorBody(body);
            var (missing, notFound) = await Emu.GetJson(_client, $"{feed}?conversation_id=AAAAAAAAAAAAAAAA");
            Assert.Equal(404, missing);
            Emu.AssertErrorBody(notFound);
        }
    }

    [Fact]
    public async Task Rows_changed_during_a_walk_of_the_updates_feed_are_delivered_again_and_nothing_is_lost()
    {
        var messages = _emulator.Data.MessagesIn(_conversation.Id);
        var first = await Feeds.Get(_client, Feeds.Updates, $"conversation_id={_conversation.Id}&limit=10");
        var seen = first.Ids[3];
        var unseen = messages.Select(m => m.Id).First(id => !first.Ids.Contains(id));
        _emulator.Control.EditMessage(seen, "changed after it was read");
        _emulator.Control.EditMessage(unseen, "changed before it was read");

        var rest = await Feeds.Walk(_client, Feeds.Updates, $"conversation_id={_conversation.Id}&limit=10", $"cursor={Uri.EscapeDataString(first.NextCursor!)}");
        var ids = first.Ids.Concat(Feeds.Ids(rest)).ToList();
        Assert.Equal(messages.Select(m => m.Id).Order(), ids.Distinct().Order());
        Assert.Equal(2, ids.Count(id => id == seen));
        Assert.Equal(1, ids.Count(id => id == unseen));
        Assert.Equal(new[] { seen, unseen }.Order(StringComparer.Ordinal), ids[^2..].Order(StringComparer.Ordinal));
    }
}
