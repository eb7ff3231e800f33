using System.Net;
using System.Text.Json;
using CarbonVoice.Sdk.Tests.Support;
using RichardSzalay.MockHttp;

namespace CarbonVoice.Sdk.Tests.Clients;

public sealed class ActionItemsClientTests
{
    private const string Bearer = "Bearer " + TestClients.AccessToken;

    [Fact]
    public async Task ListAsync_follows_next_cursor_with_starting_after_and_drops_repeated_items()
    {
        var mock = new MockHttpMessageHandler();
        var page2 = mock.When(HttpMethod.Get, TestClients.Url("action-items/channel/CH0123456789abcd"))
            .WithExactQueryString("starting_after=cur-2")
            .WithHeaders("Authorization", Bearer)
            .Respond(Json.MediaType, $$"""{"results": [{{Item("a2")}}, {{Item("a3")}}], "has_more": false, "next_cursor": null, "total": 3}""");
        var page1 = mock.When(HttpMethod.Get, TestClients.Url("action-items/channel/CH0123456789abcd"))
            .WithExactQueryString(string.Empty)
            .WithHeaders("Authorization", Bearer)
            .Respond(Json.MediaType, $$"""{"results": [{{Item("a1", full: true)}}, {{Item("a2")}}], "has_more": true, "next_cursor": "cur-2", "total": 3}""");
        using var client = TestClients.Create(mock);

        var items = await client.ActionItems.ListAsync(ActionItemContainerTypes.Channel, "CH0123456789abcd").ToListAsync();

        Assert.Equal(1, mock.GetMatchCount(page1));
        Assert.Equal(1, mock.GetMatchCount(page2));
        Assert.Equal(["a1", "a2", "a3"], items.Select(i => i.Id));
        AssertFullItem(items[0]);
    }

    [Fact]
    public async Task ListAsync_sends_the_filters_and_page_size()
    {
        var mock = new MockHttpMessageHandler();
        var page2 = mock.When(HttpMethod.Get, TestClients.Url("action-items/channel/ka1LBbiRgKDd1XIq"))
            .WithExactQueryString("limit=10&status=todo&starting_after=cur-2")
            .Respond(Json.MediaType, $$"""{"results": [{{Item("a3")}}], "has_more": false, "next_cursor": null}""");
        var page1 = mock.When(HttpMethod.Get, TestClients.Url("action-items/channel/ka1LBbiRgKDd1XIq"))
            .WithExactQueryString("limit=10&status=todo")
            .Respond(Json.MediaType, $$"""{"results": [{{Item("a1")}}, {{Item("a2")}}], "has_more": true, "next_cursor": "cur-2"}""");
        using var client = TestClients.Create(mock);

        var pages = new List<CarbonVoicePage<ActionItem>>();
        await foreach (var page in client.ActionItems.ListAsync(ActionItemContainerTypes.Channel, "ka1LBbiRgKDd1XIq", new ActionItemListOptions { PageSize = 10, Status = ActionItemStatuses.Todo }).AsPages())
        {
            pages.Add(page);
        }

        Assert.Equal(2, pages.Count);
        Assert.Equal("cur-2", pages[0].ContinuationToken);
        Assert.True(pages[0].HasMore);
        Assert.Null(pages[1].ContinuationToken);
        Assert.Equal(["a1", "a2"], pages[0].Items.Select(i => i.Id));
        Assert.Equal(["a3"], pages[1].Items.Select(i => i.Id));
        Assert.Equal(1, mock.GetMatchCount(page1));
        Assert.Equal(1, mock.GetMatchCount(page2));
    }

    [Fact]
    public async Task ListAsync_resumes_from_a_continuation_token_with_a_page_size_hint()
    {
        var mock = new MockHttpMessageHandler();
        var route = mock.When(HttpMethod.Get, TestClients.Url("action-items/folder/F1"))
            .WithExactQueryString("limit=5&starting_after=cur-9")
            .Respond(Json.MediaType, $$"""{"results": [{{Item("a9")}}], "has_more": false, "next_cursor": null}""");
        using var client = TestClients.Create(mock);

        var pages = new List<CarbonVoicePage<ActionItem>>();
        await foreach (var page in client.ActionItems.ListAsync(ActionItemContainerTypes.Folder, "F1").AsPages("cur-9", 5))
        {
            pages.Add(page);
        }

        Assert.Equal(1, mock.GetMatchCount(route));
        Assert.Equal("a9", Assert.Single(Assert.Single(pages).Items).Id);
    }

    [Fact]
    public async Task ListAsync_reads_a_bare_array_as_a_single_page()
    {
        var mock = new MockHttpMessageHandler();
        var route = mock.When(HttpMethod.Get, TestClients.Url("action-items/home/u-123"))
            .Respond(Json.MediaType, $$"""[{{Item("a1")}}, {{Item("a2")}}]""");
        using var client = TestClients.Create(mock);

        var pages = new List<CarbonVoicePage<ActionItem>>();
        await foreach (var page in client.ActionItems.ListAsync(ActionItemContainerTypes.Home, "u-123").AsPages())
        {
            pages.Add(page);
        }

        Assert.Equal(1, mock.GetMatchCount(route));
        var only = Assert.Single(pages);
        Assert.False(only.HasMore);
        Assert.Equal(["a1", "a2"], only.Items.Select(i => i.Id));
    }

    [Fact]
    public async Task ListMineAsync_pages_through_the_users_items()
    {
        var mock = new MockHttpMessageHandler();
        var page2 = mock.When(HttpMethod.Get, TestClients.Url("action-items/mine"))
            .WithExactQueryString("status=done&starting_after=c2")
            .WithHeaders("Authorization", Bearer)
            .Respond(Json.MediaType, $$"""{"results": [{{Item("m3")}}], "has_more": false, "next_cursor": null, "total": null}""");
        var page1 = mock.When(HttpMethod.Get, TestClients.Url("action-items/mine"))
            .WithExactQueryString("status=done")
            .WithHeaders("Authorization", Bearer)
            .Respond(Json.MediaType, $$"""{"results": [{{Item("m1")}}, {{Item("m2")}}], "has_more": true, "next_cursor": "c2", "total": null}""");
        using var client = TestClients.Create(mock);

        var items = await client.ActionItems.ListMineAsync(new ActionItemListOptions { Status = ActionItemStatuses.Done }).ToListAsync();

        Assert.Equal(["m1", "m2", "m3"], items.Select(i => i.Id));
        Assert.Equal(1, mock.GetMatchCount(page1));
        Assert.Equal(1, mock.GetMatchCount(page2));
    }

    [Fact]
    public async Task ListMineAsync_reads_a_bare_array_as_a_single_page()
    {
        var mock = new MockHttpMessageHandler();
        var route = mock.When(HttpMethod.Get, TestClients.Url("action-items/mine")).WithExactQueryString(string.Empty)
            .Respond(Json.MediaType, $$"""[{{Item("m1")}}]""");
        using var client = TestClients.Create(mock);

        var items = await client.ActionItems.ListMineAsync().ToListAsync();

        Assert.Equal("m1", Assert.Single(items).Id);
        Assert.Equal(1, mock.GetMatchCount(route));
    }

    [Fact]
    public async Task CreateAsync_posts_the_item_with_an_iso_due_date()
    {
        var mock = new MockHttpMessageHandler();
        string? body = null;
        HttpRequestMessage? seen = null;
        var route = mock.When(HttpMethod.Post, TestClients.Url("action-items"))
            .WithHeaders("Authorization", Bearer)
            .Respond(async request =>
            {
                seen = request;
                body = await request.Content!.ReadAsStringAsync();
                return JsonResponse(HttpStatusCode.Created, Item("new-1", full: true));
            });
        using var client = TestClients.Create(mock);

        var item = await client.ActionItems.CreateAsync(new CreateActionItemRequest
        {
            Title = "Send the launch deck",
            ContainerType = ActionItemContainerTypes.Channel,
            ContainerId = "CH0123456789abcd",
            NotesText = "Before Friday",
            AssignedTo = "u2",
            DueDate = new DateOnly(2026, 3, 15),
            SourceMessageId = "msg-1",
        });

        Assert.Equal(1, mock.GetMatchCount(route));
        Assert.Equal(HttpMethod.Post, seen!.Method);
        Assert.Equal("/action-items", seen.RequestUri!.AbsolutePath);
        using var json = JsonDocument.Parse(body!);
        var root = json.RootElement;
        Assert.Equal("Send the launch deck", root.GetProperty("title").GetString());
        Assert.Equal("channel", root.GetProperty("container_type").GetString());
        Assert.Equal("CH0123456789abcd", root.GetProperty("container_id").GetString());
        Assert.Equal("Before Friday", root.GetProperty("notes_text").GetString());
        Assert.Equal("u2", root.GetProperty("assigned_to").GetString());
        Assert.Equal("2026-03-15", root.GetProperty("due_date").GetString());
        Assert.Equal("msg-1", root.GetProperty("source_message_id").GetString());
        Assert.Equal(7, root.EnumerateObject().Count());
        Assert.Equal("new-1", item.Id);
        AssertFullItem(item with { Id = "a1" });
    }

    [Fact]
    public async Task CreateAsync_sends_only_the_required_fields_when_the_rest_is_unset()
    {
        var mock = new MockHttpMessageHandler();
        string? body = null;
        mock.When(HttpMethod.Post, TestClients.Url("action-items"))
            .Respond(async request =>
            {
                body = await request.Content!.ReadAsStringAsync();
                return JsonResponse(HttpStatusCode.Created, Item("new-2"));
            });
        using var client = TestClients.Create(mock);

        await client.ActionItems.CreateAsync(new CreateActionItemRequest { Title = "t", ContainerType = "home", ContainerId = "u-123" });

        Assert.Equal("""{"title":"t","container_type":"home","container_id":"u-123"}""", body);
    }

    public static TheoryData<string?> BadIds => new() { null, string.Empty, "  " };

    [Theory]
    [MemberData(nameof(BadIds))]
    public void ListAsync_rejects_null_or_blank_container_arguments_at_once(string? value)
    {
        var mock = new MockHttpMessageHandler();
        using var client = TestClients.Create(mock);

        var type = Assert.ThrowsAny<ArgumentException>(() => client.ActionItems.ListAsync(value!, "c1"));
        Assert.Equal("containerType", type.ParamName);
        var id = Assert.ThrowsAny<ArgumentException>(() => client.ActionItems.ListAsync("channel", value!));
        Assert.Equal("containerId", id.ParamName);
    }

    [Fact]
    public async Task CreateAsync_rejects_invalid_requests_before_any_call()
    {
        var mock = new MockHttpMessageHandler();
        var any = mock.When("*").Respond(Json.MediaType, "{}");
        using var client = TestClients.Create(mock);

        await Assert.ThrowsAsync<ArgumentNullException>(() => client.ActionItems.CreateAsync(null!));
        var title = await Assert.ThrowsAsync<ArgumentException>(() => client.ActionItems.CreateAsync(new CreateActionItemRequest { Title = " ", ContainerType = "channel", ContainerId = "c1" }));
        Assert.Contains("Title", title.Message, StringComparison.Ordinal);
        var type = await Assert.ThrowsAsync<ArgumentException>(() => client.ActionItems.CreateAsync(new CreateActionItemRequest { Title = "t", ContainerType = null!, ContainerId = "c1" }));
        Assert.Contains("ContainerType", type.Message, StringComparison.Ordinal);
        var id = await Assert.ThrowsAsync<ArgumentException>(() => client.ActionItems.CreateAsync(new CreateActionItemRequest { Title = "t", ContainerType = "channel", ContainerId = string.Empty }));
        Assert.Contains("ContainerId", id.Message, StringComparison.Ordinal);
        Assert.Equal("request", id.ParamName);
        Assert.Equal(0, mock.GetMatchCount(any));
    }

    [Fact]
    public async Task A_create_answered_502_is_not_retried()
    {
        var mock = new MockHttpMessageHandler();
        var route = mock.When(HttpMethod.Post, TestClients.Url("action-items"))
            .Respond(HttpStatusCode.BadGateway, Json.MediaType, """{"success":false,"requestId":"r-5","errmsg":"Bad gateway"}""");
        using var client = TestClients.Create(mock);

        var error = await Assert.ThrowsAsync<CarbonVoiceServerException>(() => client.ActionItems.CreateAsync(new CreateActionItemRequest { Title = "t", ContainerType = "channel", ContainerId = "c1" }));

        Assert.Equal(1, mock.GetMatchCount(route));
        Assert.Equal(HttpStatusCode.BadGateway, error.StatusCode);
    }

    [Fact]
    public async Task A_list_GET_answered_502_is_retried()
    {
        var mock = new MockHttpMessageHandler();
        var calls = 0;
        var route = mock.When(HttpMethod.Get, TestClients.Url("action-items/mine"))
            .Respond(_ => Interlocked.Increment(ref calls) == 1
                ? JsonResponse(HttpStatusCode.BadGateway, """{"success":false,"requestId":"r-5","errmsg":"Bad gateway"}""")
                : JsonResponse(HttpStatusCode.OK, $$"""{"results": [{{Item("m1")}}], "has_more": false, "next_cursor": null}"""));
        using var client = TestClients.Create(mock);

        var items = await client.ActionItems.ListMineAsync().ToListAsync();

        Assert.Equal(2, mock.GetMatchCount(route));
        Assert.Equal("m1", Assert.Single(items).Id);
    }

    [Fact]
    public async Task A_404_becomes_CarbonVoiceNotFoundException_with_the_request_id()
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Get, TestClients.Url("action-items/channel/missing"))
            .Respond(HttpStatusCode.NotFound, Json.MediaType, """{"success":false,"requestId":"r-1","errmsg":"Channel not found"}""");
        using var client = TestClients.Create(mock);

        var error = await Assert.ThrowsAsync<CarbonVoiceNotFoundException>(() => client.ActionItems.ListAsync("channel", "missing").ToListAsync());

        Assert.Equal("r-1", error.RequestId);
        Assert.Equal("GET /action-items/{container_type}/{container_id}", error.Endpoint);
    }

    [Fact]
    public async Task A_403_becomes_CarbonVoiceForbiddenException()
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Get, TestClients.Url("action-items/folder/w1"))
            .Respond(HttpStatusCode.Forbidden, Json.MediaType, """{"success":false,"requestId":"r-3","errmsg":"Forbidden"}""");
        using var client = TestClients.Create(mock);

        await Assert.ThrowsAsync<CarbonVoiceForbiddenException>(() => client.ActionItems.ListAsync("folder", "w1").ToListAsync());
    }

    [Fact]
    public async Task UpdateAsync_puts_only_the_fields_given_and_reads_the_updated_item()
    {
        var mock = new MockHttpMessageHandler();
        string? body = null;
        mock.Expect(HttpMethod.Put, TestClients.Url("action-items/a1")).Respond(async request =>
        {
            body = await request.Content!.ReadAsStringAsync();
            return JsonResponse(HttpStatusCode.OK, Item("a1", full: true));
        });
        using var client = TestClients.Create(mock);

        var item = await client.ActionItems.UpdateAsync("a1", new UpdateActionItemRequest { Title = "New title", DueDate = new DateOnly(2026, 3, 15) });

        Assert.Equal("a1", item.Id);
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse("""{"title": "New title", "due_date": "2026-03-15"}"""), System.Text.Json.Nodes.JsonNode.Parse(body!)), body);
        mock.VerifyNoOutstandingExpectation();
    }

    [Fact]
    public async Task UpdateAsync_is_retried_after_a_transient_fault_because_repeating_it_is_harmless()
    {
        var mock = new MockHttpMessageHandler();
        mock.Expect(HttpMethod.Put, TestClients.Url("action-items/a1")).Respond(HttpStatusCode.BadGateway);
        mock.Expect(HttpMethod.Put, TestClients.Url("action-items/a1")).Respond(Json.MediaType, Item("a1"));
        using var client = TestClients.Create(mock);

        Assert.Equal("a1", (await client.ActionItems.UpdateAsync("a1", new UpdateActionItemRequest { NotesText = "n" })).Id);
        mock.VerifyNoOutstandingExpectation();
    }

    [Fact]
    public async Task UpdateAsync_refuses_an_update_that_changes_nothing_before_any_call()
    {
        var mock = new MockHttpMessageHandler();
        var any = mock.When("*").Respond(Json.MediaType, "{}");
        using var client = TestClients.Create(mock);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => client.ActionItems.UpdateAsync("a1", new UpdateActionItemRequest()));
        Assert.Equal("request", error.ParamName);
        await Assert.ThrowsAsync<ArgumentException>(() => client.ActionItems.UpdateAsync(" ", new UpdateActionItemRequest { Title = "t" }));
        Assert.Equal(0, mock.GetMatchCount(any));
    }

    [Theory]
    [InlineData(ActionItemStatuses.Suggested)]
    [InlineData(ActionItemStatuses.Todo)]
    [InlineData(ActionItemStatuses.Done)]
    public async Task UpdateStatusAsync_patches_the_status(string status)
    {
        var mock = new MockHttpMessageHandler();
        string? body = null;
        mock.Expect(HttpMethod.Patch, TestClients.Url("action-items/a1/status")).Respond(async request =>
        {
            body = await request.Content!.ReadAsStringAsync();
            return JsonResponse(HttpStatusCode.OK, $$"""{"id": "a1", "status": "{{status}}"}""");
        });
        using var client = TestClients.Create(mock);

        var item = await client.ActionItems.UpdateStatusAsync("a1", status);

        Assert.Equal(status, item.Status);
        Assert.Equal($$"""{"status":"{{status}}"}""", body);
    }

    [Theory]
    [InlineData("DONE")]
    [InlineData("closed")]
    [InlineData("")]
    public async Task UpdateStatusAsync_refuses_a_status_carbon_voice_does_not_have(string status)
    {
        var mock = new MockHttpMessageHandler();
        var any = mock.When("*").Respond(Json.MediaType, "{}");
        using var client = TestClients.Create(mock);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => client.ActionItems.UpdateStatusAsync("a1", status));

        Assert.Equal("status", error.ParamName);
        Assert.Equal(0, mock.GetMatchCount(any));
    }

    [Fact]
    public async Task The_workspace_container_is_refused_because_carbon_voice_has_none()
    {
        var mock = new MockHttpMessageHandler();
        var any = mock.When("*").Respond(Json.MediaType, "{}");
        using var client = TestClients.Create(mock);

        var list = Assert.Throws<ArgumentException>(() => client.ActionItems.ListAsync("workspace", "w1"));
        Assert.Equal("containerType", list.ParamName);
        Assert.Contains("channel", list.Message, StringComparison.Ordinal);
        var create = await Assert.ThrowsAsync<ArgumentException>(() => client.ActionItems.CreateAsync(new CreateActionItemRequest { Title = "t", ContainerType = "workspace", ContainerId = "w1" }));
        Assert.Contains("ContainerType", create.Message, StringComparison.Ordinal);
        Assert.Equal(0, mock.GetMatchCount(any));
        Assert.False(ActionItemContainerTypes.IsKnown("workspace"));
        Assert.True(ActionItemContainerTypes.IsKnown(ActionItemContainerTypes.Home));
    }

    private static string Item(string id, bool full = false) => full
        ? $$"""
            {"id": "{{id}}", "status": "todo", "title": "Send the launch deck", "notes_text": "Before Friday",
             "creator_id": "u1", "last_updated_by": "u1", "assigned_to": "u2", "workspace_id": "KYbE5xyjBt39",
             "container_id": "CH0123456789abcd", "container_type": "channel", "source_message_id": "msg-1",
             "due_date": "2026-03-15", "created_at": "2026-02-03T09:46:10.492Z", "updated_at": 1770112000000,
             "deleted_at": null, "priority": "high"}
            """
        : $$"""{"id": "{{id}}", "status": "suggested", "title": "Item {{id}}", "created_at": "2026-02-01T00:00:00Z"}""";

    private static void AssertFullItem(ActionItem item)
    {
        Assert.Equal("a1", item.Id);
        Assert.Equal(ActionItemStatuses.Todo, item.Status);
        Assert.Equal("Send the launch deck", item.Title);
        Assert.Equal("Before Friday", item.NotesText);
        Assert.Equal("u1", item.CreatorId);
        Assert.Equal("u1", item.LastUpdatedBy);
        Assert.Equal("u2", item.AssignedTo);
        Assert.Equal("KYbE5xyjBt39", item.WorkspaceId);
        Assert.Equal("CH0123456789abcd", item.ContainerId);
        Assert.Equal(ActionItemContainerTypes.Channel, item.ContainerType);
        Assert.Equal("msg-1", item.SourceMessageId);
        Assert.Equal(new DateTime(2026, 3, 15), item.DueDate!.Value.Date);
        Assert.Equal(new DateTimeOffset(2026, 2, 3, 9, 46, 10, 492, TimeSpan.Zero), item.CreatedAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1770112000000), item.UpdatedAt);
        Assert.Null(item.DeletedAt);
        Assert.Equal("high", item.AdditionalProperties!["priority"].GetString());
    }

    private static HttpResponseMessage JsonResponse(HttpStatusCode status, string json)
        => new(status) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
}
