namespace CarbonVoice.Sdk.Testing.Tests;

/// <summary><c>recent</c>, <c>notified</c> and <c>by-id</c> pages are capped (37 by default) whatever limit is asked; limit &lt; 1 is a 400.</summary>
public sealed class V3PageCapTests
{
    private const string Iso = "yyyy-MM-ddTHH:mm:ss.fffZ";

    private static async Task<int> Count(HttpClient client, string kind, string conversation, int limit)
    {
        var (status, body) = kind switch
        {
            "recent" => await Emu.PostJson(client, "/v3/messages/recent", $$"""{"direction": "older", "limit": {{limit}}, "channel_id": "{{conversation}}"}"""),
            "notified" => await Emu.PostJson(client, "/v3/messages/notified", $$"""{"direction": "older", "limit": {{limit}}, "channel_id": "{{conversation}}"}"""),
            _ => await Emu.GetJson(client, $"/v3/messages/{conversation}/by-id?limit={limit}"),
        };
        Assert.True(status == 200, $"{kind} limit {limit}: {status} {body}");
        return body.GetArrayLength();
    }

    private static (CarbonVoiceEmulator Emulator, string Conversation) Create(Action<EmulatorOptions>? configure = null)
    {
        var (emulator, _) = Emu.Create(o =>
        {
            o.MessagesPerConversation = 120;
            configure?.Invoke(o);
        });
        var me = emulator.Data.Users[0].Id;
        var conversation = emulator.Data.ConversationsIn(emulator.Data.WorkspacesOf(me)[0].Id)[0];
        var other = conversation.CollaboratorIds.First(id => id != me);
        for (var i = 0; i < 60; i++)
        {
            emulator.Control.PostMessage(conversation.Id, other, $"unread {i}");
        }

        return (emulator, conversation.Id);
    }

    [Theory]
    [InlineData("recent")]
    [InlineData("notified")]
    [InlineData("by-id")]
    public async Task Pages_are_capped_at_37_and_large_limits_are_not_refused(string kind)
    {
        var (emulator, conversation) = Create();
        await using var _e = emulator;
        using var client = Emu.UserClient(emulator);
        Assert.Equal(37, emulator.Options.V3PageCap);
        foreach (var limit in new[] { 38, 100, 101, 200, 5000 })
        {
            Assert.Equal(37, await Count(client, kind, conversation, limit));
        }

        Assert.Equal(10, await Count(client, kind, conversation, 10));
        Assert.Equal(37, await Count(client, kind, conversation, 37));
    }

    [Theory]
    [InlineData("recent")]
    [InlineData("notified")]
    [InlineData("by-id")]
    public async Task The_cap_is_an_option(string kind)
    {
        var (emulator, conversation) = Create(o => o.V3PageCap = 5);
        await using var _e = emulator;
        using var client = Emu.UserClient(emulator);
        Assert.Equal(5, await Count(client, kind, conversation, 200));
        Assert.Equal(3, await Count(client, kind, conversation, 3));
    }

    [Fact]
    public async Task A_limit_below_1_is_a_400()
    {
        var (emulator, conversation) = Create();
        await using var _e = emulator;
        using var client = Emu.UserClient(emulator);
        foreach (var path in new[] { "/v3/messages/recent", "/v3/messages/notified" })
        {
            var (status, body) = await Emu.PostJson(client, path, """{"limit": 0}""");
            Assert.Equal(400, status);
            Emu.AssertErrorBody(body);
        }

        var (byId, byIdBody) = await Emu.GetJson(client, $"/v3/messages/{conversation}/by-id?limit=0");
        Assert.Equal(400, byId);
        Emu.AssertErrorBody(byIdBody);
    }

    [Fact]
    public async Task Paging_recent_by_date_through_capped_pages_reaches_every_message()
    {
        var (emulator, conversation) = Create();
        await using var _e = emulator;
        using var client = Emu.UserClient(emulator);
        var expected = emulator.Data.MessagesIn(conversation).Select(m => m.Id).Reverse().ToList();
        var seen = new List<string>();
        string? date = null;
        while (true)
        {
            var dateField = date is null ? string.Empty : $"\"date\": \"{date}\", ";
            var (_, page) = await Emu.PostJson(client, "/v3/messages/recent", $$"""{ {{dateField}}"direction": "older", "limit": 200, "channel_id": "{{conversation}}"}""");
            var fresh = page.EnumerateArray().Select(m => m.GetProperty("message_id").GetString()!).Where(id => !seen.Contains(id)).ToList();
            if (fresh.Count == 0)
            {
                break;
            }

            Assert.True(page.GetArrayLength() <= 37);
            seen.AddRange(fresh);
            date = emulator.Data.FindMessage(seen[^1])!.CreatedAt.UtcDateTime.ToString(Iso);
        }

        Assert.Equal(expected, seen);
    }
}
