using System.Text.Json;

namespace CarbonVoice.Sdk.Testing.Tests;

public sealed class GenerationTests
{
    private static async Task<string> Snapshot(int seed)
    {
        var (emulator, _) = Emu.Create(o => o.Seed = seed);
        await using var _e = emulator;
        var lines = new List<string>();
        foreach (var user in emulator.Data.Users)
        {
            lines.Add($"{user.Id} {user.FirstName} {user.LastName} {user.Email}");
        }

        foreach (var conversation in emulator.Data.Conversations)
        {
            lines.Add($"{conversation.Id} {conversation.WorkspaceId} {conversation.Name} {conversation.Type} {string.Join(",", conversation.CollaboratorIds)}");
            foreach (var message in emulator.Data.MessagesIn(conversation.Id))
            {
                lines.Add($"{message.Id} {message.Sequence} {message.CreatedAt:O} {message.CreatorId} {message.Transcript.GetHashCode(StringComparison.Ordinal)}");
            }
        }

        using var client = Emu.UserClient(emulator);
        using var response = await client.GetAsync("/v5/workspaces");
        lines.Add(await response.Content.ReadAsStringAsync());
        return string.Join("\n", lines);
    }

    [Fact]
    public async Task Same_seed_gives_identical_data_and_another_seed_differs()
    {
        var a = await Snapshot(42);
        Assert.Equal(a, await Snapshot(42));
        Assert.NotEqual(a, await Snapshot(43));
    }

    [Fact]
    public async Task Generated_data_is_varied_and_spread_over_months()
    {
        var (emulator, _) = Emu.Create(o =>
        {
            o.Workspaces = 2;
            o.ConversationsPerWorkspace = 6;
            o.MessagesPerConversation = 300;
            o.Users = 6;
        });
        await using var _e = emulator;
        var data = emulator.Data;
        Assert.Equal(6, data.Users.Count);
        Assert.Contains(data.Users, u => u.FirstName.Any(c => c > 127) || u.LastName.Any(c => c > 127));
        Assert.Equal(12, data.Conversations.Count);
        Assert.Equal(2, data.Conversations.Count(c => c.MessageCount == 0));
        Assert.Equal(10 * 300, data.MessageCount);
        var messages = data.Conversations.SelectMany(c => data.MessagesIn(c.Id)).ToList();
        var words = messages.Select(m => m.Transcript.Split(' ').Length).ToList();
        Assert.True(words.Min() < 10);
        Assert.True(words.Max() > 1000);
        Assert.Contains(messages, m => m.Transcript.Any(char.IsSurrogate));
        Assert.Contains(messages, m => m.HasAttachment);
        Assert.Contains(messages, m => m.ReactionCount > 0);
        Assert.Contains(messages, m => m.Kind == "text");
        Assert.Contains(messages, m => m.ParentMessageId is not null);
        var span = messages.Max(m => m.CreatedAt) - messages.Min(m => m.CreatedAt);
        Assert.True(span > TimeSpan.FromDays(90), span.ToString());
        Assert.True(messages.Max(m => m.CreatedAt) <= Emu.Start);
        foreach (var conversation in data.Conversations)
        {
            var inConversation = data.MessagesIn(conversation.Id);
            Assert.Equal(Enumerable.Range(1, inConversation.Count), inConversation.Select(m => m.Sequence));
            Assert.True(inConversation.Zip(inConversation.Skip(1)).All(p => p.First.CreatedAt < p.Second.CreatedAt));
        }

        Assert.NotEmpty(data.ActionItemIdsIn(data.Conversations.First(c => c.MessageCount > 0 && data.ActionItemIdsIn(c.Id).Count > 0).Id));
    }

    [Fact]
    public async Task Request_log_records_every_request()
    {
        var (emulator, _) = Emu.Create();
        await using var _e = emulator;
        using var client = Emu.UserClient(emulator);
        for (var i = 0; i < 25; i++)
        {
            await client.GetAsync("/whoami");
        }

        await client.GetAsync("/v5/workspaces?limit=2");
        Assert.Equal(26, emulator.TotalRequests);
        var last = emulator.Requests[^1];
        Assert.Equal("GET", last.Method);
        Assert.Equal("/v5/workspaces?limit=2", last.PathAndQuery);
        Assert.Equal(200, last.Status);
        Assert.Equal(EmulatorAuthKind.OAuth, last.AuthKind);
        using var control = Emu.ControlClient(emulator);
        var (_, state) = await Emu.GetJson(control, "/_emulator/state");
        Assert.Equal(26, state.GetProperty("requests").GetInt32());
        Assert.Equal(JsonValueKind.Array, state.GetProperty("user_ids").ValueKind);
        emulator.ClearRequests();
        Assert.Empty(emulator.Requests);
    }

    [Fact]
    public async Task Control_tokens_endpoint_issues_every_credential_kind()
    {
        var (emulator, _) = Emu.Create();
        await using var _e = emulator;
        using var control = Emu.ControlClient(emulator);
        var (_, oauth) = await Emu.PostJson(control, "/_emulator/tokens", "{}");
        using var a = Emu.Client(emulator, oauth.GetProperty("access_token").GetString());
        Assert.Equal(200, (await Emu.GetJson(a, "/whoami")).Status);
        var (_, pat) = await Emu.PostJson(control, "/_emulator/tokens", $$"""{"user_id": "{{emulator.Data.Users[1].Id}}", "kind": "pat"}""");
        using var b = Emu.Client(emulator, pat.GetProperty("personal_access_token").GetString());
        Assert.Equal(emulator.Data.Users[1].Id, (await Emu.GetJson(b, "/whoami")).Body.GetProperty("user").GetProperty("user_guid").GetString());
        Assert.Equal(404, (await Emu.PostJson(control, "/_emulator/tokens", """{"user_id": "nobody"}""")).Status);
    }
}
