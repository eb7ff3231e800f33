using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CarbonVoice.Sdk.Testing.Tests;

/// <summary>Action items: containers, partial update, status change, deletion and their webhooks.</summary>
public sealed class ActionItemTests
{
    private sealed record Setup(CarbonVoiceEmulator Emulator, Microsoft.Extensions.Time.Testing.FakeTimeProvider Time, CapturingHandler Capture, HttpClient Client, string Me, string Other, string Workspace, string Conversation);

    private static Setup Create()
    {
        var capture = new CapturingHandler();
        var (emulator, time) = Emu.Create(o => o.Webhooks.Handler = capture);
        var me = emulator.Data.Users[0].Id;
        var workspace = emulator.Data.WorkspacesOf(me)[0].Id;
        var conversation = emulator.Data.ConversationsIn(workspace)[0];
        var other = conversation.CollaboratorIds.First(id => id != me);
        return new Setup(emulator, time, capture, Emu.UserClient(emulator), me, other, workspace, conversation.Id);
    }

    private static async Task<(int Status, JsonElement Body)> Send(HttpClient client, HttpMethod method, string path, string json)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        using var response = await client.SendAsync(request);
        return ((int)response.StatusCode, await Emu.Json(response));
    }

    private static async Task<JsonElement> CreateItem(Setup s)
    {
        var (status, item) = await Emu.PostJson(s.Client, "/action-items",
            $$"""{"title": "Call Zoë", "container_type": "channel", "container_id": "{{s.Conversation}}", "notes_text": "about the contract", "assigned_to": "{{s.Other}}", "due_date": "2026-04-01"}""");
        Assert.Equal(201, status);
        return item;
    }

    private static string[] Events(CapturingHandler capture)
        => capture.Received.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("eventName").GetString()!).ToArray();

    [Fact]
    public async Task The_workspace_container_is_a_400_on_list_and_create()
    {
        var s = Create();
        await using var _e = s.Emulator;
        using var _c = s.Client;
        const string problem = "container_type must be one of the following values: channel, folder, home";
        var (listed, listBody) = await Emu.GetJson(s.Client, $"/action-items/workspace/{s.Workspace}");
        Assert.Equal(400, listed);
        Emu.AssertErrorBody(listBody);
        Assert.Equal(problem, listBody.GetProperty("errmsg").GetString());
        var (created, createBody) = await Emu.PostJson(s.Client, "/action-items", $$"""{"title": "x", "container_type": "workspace", "container_id": "{{s.Workspace}}"}""");
        Assert.Equal(400, created);
        Assert.Contains(problem, createBody.GetProperty("errmsg").GetString());
        foreach (var type in new[] { "channel", "folder", "home" })
        {
            Assert.Equal(200, (await Emu.GetJson(s.Client, $"/action-items/{type}/{(type == "channel" ? s.Conversation : "x")}")).Status);
        }
    }

    [Fact]
    public async Task Put_changes_only_the_fields_given_and_null_clears_the_nullable_ones()
    {
        var s = Create();
        await using var _e = s.Emulator;
        using var _c = s.Client;
        var item = await CreateItem(s);
        var id = item.GetProperty("id").GetString();
        s.Time.Advance(TimeSpan.FromMinutes(3));
        using var other = Emu.Client(s.Emulator, s.Emulator.IssueTokens(s.Other).AccessToken);

        var (status, renamed) = await Send(other, HttpMethod.Put, $"/action-items/{id}", """{"title": "Call Zoë back"}""");
        Assert.Equal(200, status);
        Assert.Equal("Call Zoë back", renamed.GetProperty("title").GetString());
        foreach (var unchanged in new[] { "notes_text", "assigned_to", "due_date", "status", "creator_id", "created_at", "container_id" })
        {
            Assert.Equal(item.GetProperty(unchanged).ToString(), renamed.GetProperty(unchanged).ToString());
        }

        Assert.Equal(s.Other, renamed.GetProperty("last_updated_by").GetString());
        Assert.Equal(s.Me, renamed.GetProperty("creator_id").GetString());
        Assert.Equal(s.Time.GetUtcNow(), DateTimeOffset.Parse(renamed.GetProperty("updated_at").GetString()!, CultureInfo.InvariantCulture));

        var (_, cleared) = await Send(s.Client, HttpMethod.Put, $"/action-items/{id}", """{"notes_text": null, "assigned_to": null, "due_date": null}""");
        Assert.Equal("Call Zoë back", cleared.GetProperty("title").GetString());
        foreach (var name in new[] { "notes_text", "assigned_to", "due_date" })
        {
            Assert.Equal(JsonValueKind.Null, cleared.GetProperty(name).ValueKind);
        }

        var (_, reassigned) = await Send(s.Client, HttpMethod.Put, $"/action-items/{id}", $$"""{"assigned_to": "{{s.Me}}", "due_date": "2026-05-01", "notes_text": "new notes"}""");
        Assert.Equal(s.Me, reassigned.GetProperty("assigned_to").GetString());
        Assert.Equal("2026-05-01", reassigned.GetProperty("due_date").GetString());
        Assert.Equal("new notes", reassigned.GetProperty("notes_text").GetString());
        var (_, listed) = await Emu.GetJson(s.Client, $"/action-items/channel/{s.Conversation}?limit=100");
        Assert.Equal("new notes", listed.GetProperty("results").EnumerateArray().Single(i => i.GetProperty("id").GetString() == id).GetProperty("notes_text").GetString());

        Assert.Equal(400, (await Send(s.Client, HttpMethod.Put, $"/action-items/{id}", """{"title": ""}""")).Status);
        Assert.Equal(400, (await Send(s.Client, HttpMethod.Put, $"/action-items/{id}", """{"title": null}""")).Status);
        Assert.Equal(400, (await Send(s.Client, HttpMethod.Put, $"/action-items/{id}", """{"due_date": 5}""")).Status);
        Assert.Equal(404, (await Send(s.Client, HttpMethod.Put, $"/action-items/{id}", """{"assigned_to": "nobody"}""")).Status);
    }

    [Fact]
    public async Task Patch_status_accepts_the_three_statuses_only()
    {
        var s = Create();
        await using var _e = s.Emulator;
        using var _c = s.Client;
        var id = (await CreateItem(s)).GetProperty("id").GetString();
        foreach (var status in new[] { "done", "suggested", "todo" })
        {
            s.Time.Advance(TimeSpan.FromSeconds(1));
            var (code, item) = await Send(s.Client, HttpMethod.Patch, $"/action-items/{id}/status", $$"""{"status": "{{status}}"}""");
            Assert.Equal(200, code);
            Assert.Equal(status, item.GetProperty("status").GetString());
            Assert.Equal(s.Time.GetUtcNow(), DateTimeOffset.Parse(item.GetProperty("updated_at").GetString()!, CultureInfo.InvariantCulture));
        }

        foreach (var body in new[] { """{"status": "archived"}""", "{}", """{"status": null}""" })
        {
            var (code, error) = await Send(s.Client, HttpMethod.Patch, $"/action-items/{id}/status", body);
            Assert.Equal(400, code);
            Assert.Equal("status must be one of the following values: suggested, todo, done", error.GetProperty("errmsg").GetString());
        }
    }

    [Fact]
    public async Task Unknown_items_are_404_and_items_of_another_workspace_403()
    {
        var s = Create();
        await using var _e = s.Emulator;
        using var _c = s.Client;
        var foreign = s.Emulator.Data.Workspaces.Single(w => !w.MemberIds.Contains(s.Me));
        var foreignConversation = s.Emulator.Data.ConversationsIn(foreign.Id)[0];
        var foreignItem = s.Emulator.Control.CreateActionItem(foreignConversation.Id, foreign.OwnerId, "Not yours");
        foreach (var (method, path, body) in new[]
        {
            (HttpMethod.Put, "/action-items/{0}", """{"title": "mine now"}"""),
            (HttpMethod.Patch, "/action-items/{0}/status", """{"status": "done"}"""),
        })
        {
            var (missing, missingBody) = await Send(s.Client, method, string.Format(CultureInfo.InvariantCulture, path, "000000000000000000000000"), body);
            Assert.Equal(404, missing);
            Emu.AssertErrorBody(missingBody);
            var (forbidden, forbiddenBody) = await Send(s.Client, method, string.Format(CultureInfo.InvariantCulture, path, foreignItem), body);
            Assert.Equal(403, forbidden);
            Emu.AssertErrorBody(forbiddenBody);
        }
    }

    [Fact]
    public async Task Update_status_change_and_delete_raise_their_webhooks_and_a_deleted_item_is_gone()
    {
        var s = Create();
        await using var _e = s.Emulator;
        using var _c = s.Client;
        s.Emulator.SubscribeWebhook(s.Me, new Uri("https://bde.example/hooks"), "action-item.*");
        var id = (await CreateItem(s)).GetProperty("id").GetString()!;
        await Send(s.Client, HttpMethod.Put, $"/action-items/{id}", """{"title": "Renamed"}""");
        await Send(s.Client, HttpMethod.Patch, $"/action-items/{id}/status", """{"status": "done"}""");
        s.Emulator.Control.DeleteActionItem(id);
        var second = s.Emulator.Control.CreateActionItem(s.Conversation, s.Me, "Second");
        using var control = Emu.ControlClient(s.Emulator);
        using (var deleted = await control.DeleteAsync($"/_emulator/action-items/{second}"))
        {
            Assert.Equal(200, (int)deleted.StatusCode);
        }

        await s.Emulator.FlushWebhooksAsync();
        Assert.Equal(new[] { "action-item.created", "action-item.updated", "action-item.status.changed", "action-item.deleted", "action-item.created", "action-item.deleted" }, Events(s.Capture));
        using var statusChanged = JsonDocument.Parse(s.Capture.Received.ElementAt(2).Body);
        var resource = statusChanged.RootElement.GetProperty("data").GetProperty("resource");
        Assert.Equal("done", resource.GetProperty("status").GetString());
        Assert.Equal("Renamed", resource.GetProperty("title").GetString());
        Assert.Equal("ActionItem", statusChanged.RootElement.GetProperty("data").GetProperty("resourceType").GetString());

        Assert.DoesNotContain(id, s.Emulator.Data.ActionItemIdsIn(s.Conversation));
        var (_, listed) = await Emu.GetJson(s.Client, $"/action-items/channel/{s.Conversation}?limit=100");
        Assert.DoesNotContain(listed.GetProperty("results").EnumerateArray(), i => i.GetProperty("id").GetString() == id);
        Assert.Equal(404, (await Send(s.Client, HttpMethod.Put, $"/action-items/{id}", """{"title": "again"}""")).Status);
        Assert.Throws<KeyNotFoundException>(() => s.Emulator.Control.DeleteActionItem(id));
    }
}
