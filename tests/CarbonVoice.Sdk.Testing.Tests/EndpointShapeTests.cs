using System.Text.Json;

namespace CarbonVoice.Sdk.Testing.Tests;

public sealed class EndpointShapeTests : IAsyncLifetime
{
    private CarbonVoiceEmulator _emulator = null!;
    private HttpClient _client = null!;
    private string _workspace = null!;
    private EmulatorConversation _conversation = null!;

    public Task InitializeAsync()
    {
        (_emulator, _) = Emu.Create();
        _client = Emu.UserClient(_emulator);
        _workspace = _emulator.Data.WorkspacesOf(_emulator.Data.Users[0].Id)[0].Id;
        _conversation = _emulator.Data.ConversationsIn(_workspace).First(c => c.MessageCount > 0 && c.CollaboratorIds.Contains(_emulator.Data.Users[0].Id));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _emulator.DisposeAsync();
    }

    private static void HasAll(JsonElement element, params string[] names)
    {
        foreach (var name in names)
        {
            Assert.True(element.TryGetProperty(name, out _), $"missing '{name}' in {element}");
        }
    }

    [Fact]
    public async Task Whoami_users_and_last_seen()
    {
        var (_, whoami) = await Emu.GetJson(_client, "/whoami");
        HasAll(whoami.GetProperty("user"), "user_guid", "uuid", "first_name", "last_name", "email_txt", "image_url", "role", "workspace_guids", "identities");
        HasAll(whoami.GetProperty("user").GetProperty("identities")[0], "user_guid", "provider_email", "provider", "provider_uid", "is_verified", "provider_phone", "last_message_notified");

        var (status, users) = await Emu.GetJson(_client, "/users");
        Assert.Equal(200, status);
        Assert.Equal(JsonValueKind.Array, users.ValueKind);
        HasAll(users[0], "user_guid", "first_name", "last_name", "image_url", "workspace_guids", "languages", "voice_gender", "user_type", "created_at", "last_updated_at");

        var (_, seen) = await Emu.GetJson(_client, "/users/last-seen");
        Assert.True(DateTimeOffset.TryParse(seen[0].GetProperty("last_seen_at").GetString(), out _));
    }

    [Fact]
    public async Task Contacts_without_a_body_are_all_the_callers_contacts_and_with_ids_those_users()
    {
        var me = _emulator.Data.Users[0].Id;
        var myWorkspaces = _emulator.Data.WorkspacesOf(me).Select(w => w.Id).ToHashSet();
        var expected = _emulator.Data.Users.Where(u => u.Id != me && _emulator.Data.WorkspacesOf(u.Id).Any(w => myWorkspaces.Contains(w.Id))).Select(u => u.Id).ToList();
        Assert.NotEmpty(expected);
        using var noBody = await _client.PostAsync("/contacts", null);
        Assert.Equal(200, (int)noBody.StatusCode);
        var all = await Emu.Json(noBody);
        Assert.Equal(JsonValueKind.Array, all.ValueKind);
        Assert.Equal(expected, all.EnumerateArray().Select(c => c.GetProperty("user_guid").GetString()));
        HasAll(all[0], "user_guid", "first_name", "last_name", "image_url", "workspace_guids", "languages", "voice_gender", "user_type", "created_at", "last_updated_at");
        Assert.Equal(expected, (await Emu.PostJson(_client, "/contacts", "{}")).Body.EnumerateArray().Select(c => c.GetProperty("user_guid").GetString()));

        var (status, some) = await Emu.PostJson(_client, "/contacts", $$"""{"user_guids": ["{{expected[^1]}}", "nobody"]}""");
        Assert.Equal(200, status);
        Assert.Equal(new[] { expected[^1] }, some.EnumerateArray().Select(c => c.GetProperty("user_guid").GetString()));
    }

    [Fact]
    public async Task V5_workspaces_cursor_envelope_pages_and_filters()
    {
        var (status, page1) = await Emu.GetJson(_client, "/v5/workspaces?limit=1&include_total=true");
        Assert.Equal(200, status);
        HasAll(page1, "results", "has_more", "next_cursor", "total");
        Assert.Equal(2, page1.GetProperty("total").GetInt32());
        Assert.True(page1.GetProperty("has_more").GetBoolean());
        var workspace = page1.GetProperty("results")[0];
        HasAll(workspace, "id", "name", "type", "created_at", "last_updated_at", "owner_id", "creator_id", "plan_type");
        Assert.Equal(12, workspace.GetProperty("id").GetString()!.Length);
        Assert.EndsWith("Z", workspace.GetProperty("created_at").GetString());

        var (_, page2) = await Emu.GetJson(_client, $"/v5/workspaces?limit=1&starting_after={page1.GetProperty("next_cursor").GetString()}");
        Assert.False(page2.GetProperty("has_more").GetBoolean());
        Assert.Equal(JsonValueKind.Null, page2.GetProperty("next_cursor").ValueKind);
        Assert.Equal(JsonValueKind.Null, page2.GetProperty("total").ValueKind);
        Assert.NotEqual(workspace.GetProperty("id").GetString(), page2.GetProperty("results")[0].GetProperty("id").GetString());

        var (_, owners) = await Emu.GetJson(_client, "/v5/workspaces?roles=owner&roles=admin&types=standard");
        Assert.All(owners.GetProperty("results").EnumerateArray(), w => Assert.Equal("standard", w.GetProperty("type").GetString()));

        var (one, single) = await Emu.GetJson(_client, $"/v5/workspaces/{_workspace}");
        Assert.Equal(200, one);
        Assert.Equal(_workspace, single.GetProperty("id").GetString());
        var (badStatus, badBody) = await Emu.GetJson(_client, "/v5/workspaces?limit=0");
        Assert.Equal(400, badStatus);
        Emu.AssertErrorBody(badBody);
    }

    [Fact]
    public async Task V3_workspaces_and_create()
    {
        var (_, list) = await Emu.GetJson(_client, "/v3/workspaces");
        Assert.Equal(2, list.GetArrayLength());
        HasAll(list[0], "id", "name", "description", "image_url", "owner_id", "owner_first_name", "owner_last_name", "created_at", "last_updated_at", "deleted_at");
        var (status, one) = await Emu.GetJson(_client, $"/v3/workspaces/{_workspace}");
        Assert.Equal(200, status);
        Assert.Equal(_workspace, one.GetProperty("id").GetString());
        var (created, body) = await Emu.PostJson(_client, "/v3/workspace", """{"name": "Nouveau café ☕", "description": "d"}""");
        Assert.Equal(201, created);
        Assert.Equal("Nouveau café ☕", body.GetProperty("name").GetString());
        Assert.Equal(3, (await Emu.GetJson(_client, "/v3/workspaces")).Body.GetArrayLength());
    }

    [Fact]
    public async Task Channels_are_bare_arrays_with_epoch_ms()
    {
        var (status, channels) = await Emu.GetJson(_client, $"/channels/{_workspace}");
        Assert.Equal(200, status);
        Assert.Equal(JsonValueKind.Array, channels.ValueKind);
        var channel = channels.EnumerateArray().First(c => c.GetProperty("channel_guid").GetString() == _conversation.Id);
        HasAll(channel, "workspace_guid", "channel_guid", "channel_name", "channel_kind", "type", "channel_description", "image_url", "workspace_name", "sort_order",
            "last_updated_ts", "created_ts", "last_posted_ts", "deleted_at", "json_collaborators", "total_messages", "total_duration_milliseconds");
        Assert.Equal(16, channel.GetProperty("channel_guid").GetString()!.Length);
        Assert.True(channel.GetProperty("created_ts").GetInt64() > 100_000_000_000L);
        Assert.Equal(_conversation.MessageCount, channel.GetProperty("total_messages").GetInt32());
        HasAll(channel.GetProperty("json_collaborators")[0], "user_guid", "image_url", "first_name", "last_name", "permission", "joined", "last_posted");

        var (_, available) = await Emu.GetJson(_client, $"/channels/{_workspace}/available");
        Assert.Equal(JsonValueKind.Array, available.ValueKind);
        Assert.DoesNotContain(available.EnumerateArray(), c => c.GetProperty("channel_guid").GetString() == _conversation.Id);

        Assert.Equal(_conversation.Id, (await Emu.GetJson(_client, $"/v2/channel/{_conversation.Id}")).Body.GetProperty("channel_guid").GetString());
        Assert.Equal(_conversation.Id, (await Emu.GetJson(_client, $"/channel/{_conversation.Id}")).Body.GetProperty("channel_guid").GetString());
        var (_, collaborators) = await Emu.GetJson(_client, $"/channel/collaborators/{_workspace}/{_conversation.Id}");
        Assert.Equal(_conversation.CollaboratorIds.Count, collaborators.GetArrayLength());

        var dm = _emulator.Data.ConversationsIn(_workspace).First(c => c.Type == "directMessage");
        Assert.StartsWith("dm_", (await Emu.GetJson(_client, $"/channel/{dm.Id}")).Body.GetProperty("dm_hash").GetString());
    }

    [Fact]
    public async Task Channel_summary_exists_only_for_busy_channels()
    {
        var (status, summary) = await Emu.GetJson(_client, $"/channels/{_conversation.Id}/summary");
        Assert.Equal(200, status);
        HasAll(summary, "channel_guid", "summary", "language", "message_count", "created_at");
        var empty = _emulator.Data.ConversationsIn(_workspace).First(c => c.MessageCount == 0);
        var (missing, body) = await Emu.GetJson(_client, $"/channels/{empty.Id}/summary");
        Assert.Equal(404, missing);
        Emu.AssertErrorBody(body);
    }

    [Fact]
    public async Task V5_message_is_wrapped_and_by_ids_is_bare()
    {
        var messages = _emulator.Data.MessagesIn(_conversation.Id);
        var (status, wrapped) = await Emu.GetJson(_client, $"/v5/messages/{messages[0].Id}");
        Assert.Equal(200, status);
        var message = wrapped.GetProperty("message");
        HasAll(message, "id", "type", "kind", "created_at", "updated_at", "deleted_at", "conversation_id", "workspace_id", "creator_id", "status",
            "parent_message_id", "attachments", "language", "transcript", "link", "conversation_sequence", "reaction_summary", "tagged_user_ids");
        Assert.Equal(1, message.GetProperty("conversation_sequence").GetInt32());
        Assert.Equal(messages[0].Transcript, message.GetProperty("transcript").GetString());

        var ids = string.Join(",", messages.Take(3).Select(m => $"\"{m.Id}\""));
        var (ok, bare) = await Emu.PostJson(_client, "/v5/messages/by-ids", $$"""{"conversation_id": "{{_conversation.Id}}", "message_ids": [{{ids}}, "unknown"]}""");
        Assert.Equal(200, ok);
        Assert.Equal(3, bare.GetArrayLength());
        Assert.Equal(messages[1].Id, bare[1].GetProperty("id").GetString());

        var (missing, nest) = await Emu.PostJson(_client, "/v5/messages/by-ids", $$"""{"message_ids": [{{ids}}]}""");
        Assert.Equal(400, missing);
        Assert.Equal(400, nest.GetProperty("statusCode").GetInt32());
        Assert.Equal("conversation_id should not be empty", nest.GetProperty("message").GetString());
        Assert.Equal("Bad Request", nest.GetProperty("error").GetString());
        var (empty, _) = await Emu.PostJson(_client, "/v5/messages/by-ids", $$"""{"conversation_id": "{{_conversation.Id}}", "message_ids": []}""");
        Assert.Equal(400, empty);
        Assert.Equal(404, (await Emu.GetJson(_client, "/v5/messages/doesnotexist")).Status);
    }

    [Fact]
    public async Task Message_ids_cursor_walks_the_whole_conversation_in_sequence_order()
    {
        var expected = _emulator.Data.MessagesIn(_conversation.Id).Select(m => m.Id).ToList();
        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var (status, page) = await Emu.GetJson(_client, $"/v5/conversations/{_conversation.Id}/messages/ids?limit=7" + (cursor is null ? "" : $"&starting_after={cursor}"));
            Assert.Equal(200, status);
            seen.AddRange(page.GetProperty("results").EnumerateArray().Select(e => e.GetString()!));
            cursor = page.GetProperty("has_more").GetBoolean() ? page.GetProperty("next_cursor").GetString() : null;
        }
        while (cursor is not null);
        Assert.Equal(expected, seen);
    }

    [Fact]
    public async Task V3_windows_by_date_and_by_sequence()
    {
        var messages = _emulator.Data.MessagesIn(_conversation.Id);
        var pivot = messages[10];
        var date = Uri.EscapeDataString(pivot.CreatedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ"));
        var (_, older) = await Emu.GetJson(_client, $"/v3/messages/{_conversation.Id}/by-id?limit=5&date={date}");
        Assert.Equal(5, older.GetArrayLength());
        Assert.Equal(pivot.Id, older[0].GetProperty("message_id").GetString());
        Assert.Equal(messages[6].Id, older[4].GetProperty("message_id").GetString());
        var (_, newer) = await Emu.GetJson(_client, $"/v3/messages/{_conversation.Id}/by-id?limit=3&direction=newer&date={date}");
        Assert.Equal(new[] { messages[10].Id, messages[11].Id, messages[12].Id }, newer.EnumerateArray().Select(m => m.GetProperty("message_id").GetString()));

        var (_, window) = await Emu.GetJson(_client, $"/v3/messages/{_conversation.Id}/sequential/3/7");
        Assert.Equal(messages.Skip(2).Take(5).Select(m => m.Id), window.EnumerateArray().Select(m => m.GetProperty("message_id").GetString()));
        var first = window[0];
        HasAll(first, "message_id", "creator_id", "created_at", "deleted_at", "last_updated_at", "workspace_ids", "channel_ids", "parent_message_id", "name",
            "is_text_message", "status", "type", "duration_ms", "audio_models", "text_models", "attachments", "notes");
        Assert.All(window.EnumerateArray(), m => Assert.False(m.TryGetProperty("sequence", out _)));
        var (_, past) = await Emu.GetJson(_client, $"/v3/messages/{_conversation.Id}/sequential/1000/1010");
        Assert.Equal(0, past.GetArrayLength());
        Assert.Equal(400, (await Emu.GetJson(_client, $"/v3/messages/{_conversation.Id}/sequential/1/600")).Status);
    }

    [Fact]
    public async Task Recent_is_inclusive_and_ordered_by_direction()
    {
        var messages = _emulator.Data.MessagesIn(_conversation.Id);
        var pivot = messages[20].CreatedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ");
        var (_, newer) = await Emu.PostJson(_client, "/v3/messages/recent", $$"""{"date": "{{pivot}}", "direction": "newer", "limit": 4, "use_last_updated": false, "channel_id": "{{_conversation.Id}}"}""");
        Assert.Equal(messages.Skip(20).Take(4).Select(m => m.Id), newer.EnumerateArray().Select(m => m.GetProperty("message_id").GetString()));
        var (_, older) = await Emu.PostJson(_client, "/v3/messages/recent", $$"""{"date": "{{pivot}}", "direction": "older", "limit": 2, "channel_id": "{{_conversation.Id}}"}""");
        Assert.Equal(new[] { messages[20].Id, messages[19].Id }, older.EnumerateArray().Select(m => m.GetProperty("message_id").GetString()));
        var (_, all) = await Emu.PostJson(_client, "/v3/messages/recent", """{"direction": "older", "limit": 20}""");
        Assert.Equal(20, all.GetArrayLength());
        var dates = all.EnumerateArray().Select(m => DateTimeOffset.Parse(m.GetProperty("created_at").GetString()!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(dates.OrderDescending(), dates);
    }

    [Fact]
    public async Task Search_returns_a_cursor_envelope_of_v3_messages()
    {
        var (status, page) = await Emu.PostJson(_client, "/v3/search", $$"""{"query": "the", "channel_id": "{{_conversation.Id}}", "limit": 5}""");
        Assert.Equal(200, status);
        Assert.Equal(5, page.GetProperty("results").GetArrayLength());
        Assert.True(page.GetProperty("has_more").GetBoolean());
        var cursor = page.GetProperty("next_cursor").GetString();
        var (_, next) = await Emu.PostJson(_client, "/v3/search", $$"""{"query": "the", "channel_id": "{{_conversation.Id}}", "limit": 5, "starting_after": "{{cursor}}"}""");
        Assert.DoesNotContain(next.GetProperty("results").EnumerateArray(), m => m.GetProperty("message_id").GetString() == cursor);
        Assert.Equal(400, (await Emu.PostJson(_client, "/v3/search", "{}")).Status);
    }

    [Fact]
    public async Task Action_items_list_and_create()
    {
        var (status, page) = await Emu.GetJson(_client, $"/action-items/channel/{_conversation.Id}?limit=2");
        Assert.Equal(200, status);
        HasAll(page, "results", "has_more", "next_cursor", "total");
        var (created, item) = await Emu.PostJson(_client, "/action-items",
            $$"""{"title": "Call Zoë", "container_type": "channel", "container_id": "{{_conversation.Id}}", "assigned_to": "{{_emulator.Data.Users[0].Id}}", "due_date": "2026-04-01"}""");
        Assert.Equal(201, created);
        HasAll(item, "id", "status", "title", "notes_text", "creator_id", "last_updated_by", "assigned_to", "workspace_id", "container_id", "container_type", "source_message_id", "due_date", "created_at", "updated_at", "deleted_at");
        var (_, channelItems) = await Emu.GetJson(_client, $"/action-items/channel/{_conversation.Id}?limit=100");
        Assert.Contains(channelItems.GetProperty("results").EnumerateArray(), i => i.GetProperty("id").GetString() == item.GetProperty("id").GetString());
        var (_, mine) = await Emu.GetJson(_client, "/action-items/mine?status=todo");
        Assert.Contains(mine.GetProperty("results").EnumerateArray(), i => i.GetProperty("id").GetString() == item.GetProperty("id").GetString());
        Assert.Equal(400, (await Emu.PostJson(_client, "/action-items", """{"title": "x"}""")).Status);
    }

    [Fact]
    public async Task CarbonLinks_are_created()
    {
        var (status, link) = await Emu.PostJson(_client, "/carbonlink/create", $$"""{"workspace_id": "{{_workspace}}", "name": "Support", "type": "qr_code", "channel_id": "{{_conversation.Id}}"}""");
        Assert.Equal(201, status);
        HasAll(link, "id", "link", "type", "name", "workspace_id", "channel_id", "owner_id", "created_at");
        Assert.StartsWith("http://carbonvoice.emulator/", link.GetProperty("link").GetString());
        var (personal, _) = await Emu.PostJson(_client, "/carbonlink/personal", """{"name": "Me"}""");
        Assert.Equal(201, personal);
        Assert.Equal(400, (await Emu.PostJson(_client, "/carbonlink/create", """{"type": "website"}""")).Status);
    }

    [Fact]
    public async Task Export_job_goes_from_pending_to_done_with_a_download_url()
    {
        var (status, job) = await Emu.PostJson(_client, "/data-exporter/conversations", $$"""{"workspace_id": "{{_workspace}}", "channel_ids": ["{{_conversation.Id}}"], "format": "json"}""");
        Assert.Equal(202, status);
        Assert.Equal("pending", job.GetProperty("status").GetString());
        var id = job.GetProperty("id").GetString();
        var states = new List<string>();
        JsonElement current;
        do
        {
            (_, current) = await Emu.GetJson(_client, $"/data-exporter/{id}");
            states.Add(current.GetProperty("status").GetString()!);
        }
        while (states[^1] != "done" && states.Count < 10);
        Assert.Equal(new[] { "pending", "processing", "done" }, states);
        var url = current.GetProperty("download_url").GetString()!;
        var (downloaded, rows) = await Emu.GetJson(_client, url);
        Assert.Equal(200, downloaded);
        Assert.Equal(_conversation.MessageCount, rows.GetArrayLength());
        var (users, _) = await Emu.PostJson(_client, "/data-exporter/users", $$"""{"workspace_id": "{{_workspace}}"}""");
        Assert.Equal(202, users);
    }

    [Fact]
    public async Task Unknown_route_is_404_with_the_error_body()
    {
        var (status, body) = await Emu.GetJson(_client, "/v9/nothing");
        Assert.Equal(404, status);
        Emu.AssertErrorBody(body);
    }
}
