using System.Net;
using System.Text.Json;

namespace CarbonVoice.Sdk.Testing.Tests;

/// <summary>The message index, reactions, share links, bot users and the PAT, in the shapes PhononX's clients read.</summary>
public sealed class ConfirmedRoutesTests : IAsyncLifetime
{
    private CarbonVoiceEmulator _emulator = null!;
    private HttpClient _client = null!;
    private EmulatorConversation _conversation = null!;

    public Task InitializeAsync()
    {
        (_emulator, _) = Emu.Create();
        _client = Emu.UserClient(_emulator);
        var workspace = _emulator.Data.WorkspacesOf(_emulator.Data.Users[0].Id)[0].Id;
        _conversation = _emulator.Data.ConversationsIn(workspace).First(c => c.MessageCount > 0);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _emulator.DisposeAsync();
    }

    [Fact]
    public async Task The_message_index_lists_the_latest_messages_without_transcripts()
    {
        var messages = _emulator.Data.MessagesIn(_conversation.Id);

        var (status, body) = await Emu.GetJson(_client, $"/messages/{_conversation.Id}/index?limit=5&direction=older");

        Assert.Equal(200, status);
        var rows = body.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(messages.Reverse().Take(5).Select(m => m.Id), rows.Select(r => r.GetProperty("message_id").GetString()));
        foreach (var row in rows)
        {
            Assert.True(row.TryGetProperty("parent_message_id", out _));
            Assert.Equal("active", row.GetProperty("status").GetString());
            Assert.True(DateTimeOffset.TryParse(row.GetProperty("created_at").GetString(), System.Globalization.CultureInfo.InvariantCulture, out _));
            Assert.False(row.TryGetProperty("transcript", out _));
            Assert.False(row.TryGetProperty("text_models", out _));
        }

        var (_, oldest) = await Emu.GetJson(_client, $"/messages/{_conversation.Id}/index?limit=2&direction=newer");
        Assert.Equal(messages.Take(2).Select(m => m.Id), oldest.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("message_id").GetString()));
    }

    [Fact]
    public async Task The_message_index_names_replies_threads_and_refuses_bad_queries()
    {
        var reply = _emulator.Data.Conversations.SelectMany(c => _emulator.Data.MessagesIn(c.Id)).First(m => m.ParentMessageId is not null);
        var conversation = reply.ConversationId;
        var (_, body) = await Emu.GetJson(Emu.UserClient(_emulator, 1), $"/messages/{conversation}/index?limit=1000");
        var row = body.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("message_id").GetString() == reply.Id);
        Assert.Equal(reply.ParentMessageId, row.GetProperty("parent_message_id").GetString());

        var (limit, limitError) = await Emu.GetJson(_client, $"/messages/{_conversation.Id}/index?limit=0");
        Assert.Equal(400, limit);
        Emu.AssertErrorBody(limitError);
        Assert.Equal(400, (await Emu.GetJson(_client, $"/messages/{_conversation.Id}/index?direction=up")).Status);
        Assert.Equal(404, (await Emu.GetJson(_client, "/messages/nope/index")).Status);
    }

    [Fact]
    public async Task Reactions_are_a_bare_array_of_the_ids_reaction_summaries_use()
    {
        var (status, body) = await Emu.GetJson(_client, "/reactions");

        Assert.Equal(200, status);
        Assert.Equal(JsonValueKind.Array, body.ValueKind);
        var ids = body.EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
        Assert.Contains("thumbs_up", ids);
        var first = body[0];
        foreach (var name in new[] { "name", "code", "reaction_tts", "image_url" })
        {
            Assert.True(first.TryGetProperty(name, out _), name);
        }
    }

    [Fact]
    public async Task Generated_forwards_carry_a_share_link_whose_shared_message_is_v6()
    {
        var links = _emulator.Data.ShareLinks;
        Assert.NotEmpty(links);
        var live = links.First(l => !l.IsRevoked && !l.IsExpired && l.WrapperMessageId is { } wrapper && _emulator.Data.FindMessage(wrapper)!.WorkspaceId == _conversation.WorkspaceId);
        var wrapper = _emulator.Data.FindMessage(live.WrapperMessageId!)!;
        Assert.Equal(live.Id, wrapper.ShareLinkId);

        var (_, v6) = await Emu.GetJson(_client, $"/v6/messages/{wrapper.Id}");
        Assert.Equal(live.Id, v6.GetProperty("message").GetProperty("share_link_id").GetString());
        var (_, v3) = await Emu.GetJson(_client, $"/v3/messages/{wrapper.Id}");
        Assert.Equal(live.Id, v3.GetProperty("share_link_id").GetString());

        var (status, link) = await Emu.GetJson(_client, $"/v6/message-sharelinks/{live.Id}");
        Assert.Equal(200, status);
        Assert.Equal(live.Id, link.GetProperty("id").GetString());
        Assert.Equal("forward", link.GetProperty("share_type").GetString());
        Assert.Equal(live.CreatedBy, link.GetProperty("created_by").GetString());
        Assert.Equal(JsonValueKind.Null, link.GetProperty("revoked_at").ValueKind);
        Assert.Equal(JsonValueKind.Null, link.GetProperty("end_access_at").ValueKind);
        Assert.Contains(link.GetProperty("has_channel_access").ValueKind, new[] { JsonValueKind.True, JsonValueKind.False });
        var shared = link.GetProperty("shared_message");
        Assert.Equal(live.SharedMessageId, shared.GetProperty("id").GetString());
        Assert.True(shared.TryGetProperty("thread_id", out _));
        Assert.False(shared.TryGetProperty("name", out _));
    }

    [Fact]
    public async Task A_revoked_or_expired_share_link_answers_403_and_an_unknown_one_404()
    {
        var links = _emulator.Data.ShareLinks;
        var revoked = links.First(l => l.IsRevoked);
        var expired = links.First(l => l.IsExpired && !l.IsRevoked);

        var (revokedStatus, revokedBody) = await Emu.GetJson(_client, $"/v6/message-sharelinks/{revoked.Id}");
        Assert.Equal(403, revokedStatus);
        Assert.Contains("revoked", revokedBody.GetProperty("errmsg").GetString(), StringComparison.Ordinal);
        Assert.Equal(403, (await Emu.GetJson(_client, $"/v6/message-sharelinks/{expired.Id}")).Status);
        Assert.Equal(404, (await Emu.GetJson(_client, "/v6/message-sharelinks/000000000000000000000000")).Status);
    }

    [Fact]
    public async Task A_created_public_link_opens_for_others_until_revoked()
    {
        var message = _emulator.Data.MessagesIn(_conversation.Id)[0];
        var (status, created) = await Emu.PostJson(_client, "/message-sharelinks", $$"""{"shared_message_id": "{{message.Id}}", "share_type": "link", "access_type": "public"}""");

        Assert.Equal(201, status);
        var id = created.GetProperty("_id").GetString()!;
        Assert.Equal(message.Id, created.GetProperty("shared_message_id").GetString());
        var stranger = Emu.UserClient(_emulator, _emulator.Data.Users.Count - 1);
        var (opened, link) = await Emu.GetJson(stranger, $"/v6/message-sharelinks/{id}");
        Assert.Equal(200, opened);
        Assert.Equal(message.Id, link.GetProperty("shared_message").GetProperty("id").GetString());

        _emulator.Control.RevokeShareLink(id);
        Assert.Equal(403, (await Emu.GetJson(stranger, $"/v6/message-sharelinks/{id}")).Status);
    }

    [Fact]
    public async Task A_specified_link_opens_only_for_the_listed_users()
    {
        var message = _emulator.Data.MessagesIn(_conversation.Id)[0];
        var allowed = _emulator.Data.Users[1].Id;
        var (_, created) = await Emu.PostJson(_client, "/message-sharelinks",
            $$"""{"shared_message_id": "{{message.Id}}", "share_type": "link", "access_type": "specified", "specified_access": [{"type": "user", "ids": ["{{allowed}}"]}], "end_access_at": "2026-03-08T12:00:00Z"}""");
        var id = created.GetProperty("_id").GetString()!;

        Assert.Equal(200, (await Emu.GetJson(Emu.UserClient(_emulator, 1), $"/v6/message-sharelinks/{id}")).Status);
        Assert.Equal(403, (await Emu.GetJson(Emu.UserClient(_emulator, 2), $"/v6/message-sharelinks/{id}")).Status);
    }

    [Theory]
    [InlineData("""{"share_type": "link", "access_type": "public"}""", "shared_message_id")]
    [InlineData("""{"shared_message_id": "M", "share_type": "copy", "access_type": "public"}""", "share_type")]
    [InlineData("""{"shared_message_id": "M", "share_type": "link", "access_type": "specified"}""", "specified_access")]
    [InlineData("""{"shared_message_id": "M", "share_type": "link", "access_type": "public", "end_access_at": "2020-01-01T00:00:00Z"}""", "end_access_at")]
    public async Task A_bad_create_body_is_a_400_naming_the_field(string body, string field)
    {
        var message = _emulator.Data.MessagesIn(_conversation.Id)[0];
        var (status, error) = await Emu.PostJson(_client, "/message-sharelinks", body.Replace("\"M\"", $"\"{message.Id}\"", StringComparison.Ordinal));

        Assert.Equal(400, status);
        Assert.Contains(field, error.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_last_user_is_a_bot_created_by_the_first()
    {
        var users = _emulator.Data.Users;
        var bot = users[^1];
        Assert.True(bot.IsBot);
        Assert.Equal(users[0].Id, bot.CreatedBy);
        Assert.False(users[0].IsBot);

        var (_, whoami) = await Emu.GetJson(Emu.Client(_emulator, _emulator.CreatePersonalAccessToken(bot.Id)), "/whoami");
        Assert.Equal(users[0].Id, whoami.GetProperty("user").GetProperty("created_by").GetString());
        var (_, mine) = await Emu.GetJson(_client, "/whoami");
        Assert.Equal(JsonValueKind.Null, mine.GetProperty("user").GetProperty("created_by").ValueKind);

        using var contacts = await _client.PostAsync("/contacts", null);
        var botContact = (await Emu.Json(contacts)).EnumerateArray().Single(c => c.GetProperty("user_guid").GetString() == bot.Id);
        Assert.Equal("bot", botContact.GetProperty("user_type").GetString());
        Assert.Equal(users[0].Id, botContact.GetProperty("created_by").GetString());
    }

    [Fact]
    public async Task A_personal_access_token_authenticates_as_a_bearer_token()
    {
        var pat = _emulator.CreatePersonalAccessToken(_emulator.Data.Users[0].Id);
        Assert.StartsWith("cv_pat_", pat, StringComparison.Ordinal);

        using var response = await Emu.Client(_emulator, pat).GetAsync("/whoami");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
