using System.Net;
using System.Text.Json;
using CarbonVoice.Sdk.Tests.Support;
using RichardSzalay.MockHttp;

namespace CarbonVoice.Sdk.Tests.Clients;

public sealed class ConversationsClientTests
{
    private const string Bearer = "Bearer " + TestClients.AccessToken;
    private const string NotFoundBody = """{"success":false,"requestId":"r-1","errmsg":"Channel not found"}""";

    // GET /v2/channel/{channel_guid} as the contract describes it: epoch-ms timestamps, all collaborators.
    private const string ChannelJson = """
        {
          "workspace_guid": "KYbE5xyjBt39",
          "channel_guid": "CH0123456789abcd",
          "channel_name": "Product launch",
          "channel_kind": "standard",
          "type": "namedConversation",
          "channel_description": "Launch planning",
          "image_url": "https://img.test/ch.png",
          "workspace_name": "Acme",
          "sort_order": 3,
          "last_updated_ts": 1770112000000,
          "created_ts": 1767225600000,
          "last_posted_ts": 1770111000000,
          "deleted_at": null,
          "json_collaborators": [
            {"user_guid": "u1", "image_url": "https://img.test/u1.png", "first_name": "Ada", "last_name": "Lovelace", "permission": "owner", "joined": 1767225600000, "last_posted": 1770111000000, "nickname": "ada"},
            {"user_guid": "u2", "image_url": null, "first_name": "Alan", "last_name": "Turing", "permission": "member", "joined": 1767312000000, "last_posted": null}
          ],
          "total_messages": 42,
          "total_duration_milliseconds": 123456,
          "is_pinned": true
        }
        """;

    private static readonly DateTimeOffset Created = DateTimeOffset.FromUnixTimeMilliseconds(1767225600000);

    [Fact]
    public async Task ListAsync_gets_the_workspace_channels_as_a_bare_array()
    {
        var mock = new MockHttpMessageHandler();
        HttpRequestMessage? seen = null;
        var route = mock.When(HttpMethod.Get, TestClients.Url("channels/KYbE5xyjBt39"))
            .WithHeaders("Authorization", Bearer)
            .Respond(request =>
            {
                seen = request;
                return JsonResponse(HttpStatusCode.OK, $$"""[{{ChannelJson}}, {"channel_guid": "CH2", "channel_name": "Second", "workspace_name": "Acme", "total_messages": 0, "type": "directMessage", "sort_order": "0010"}]""");
            });
        using var client = TestClients.Create(mock);

        var channels = await client.Conversations.ListAsync("KYbE5xyjBt39");

        Assert.Equal(1, mock.GetMatchCount(route));
        Assert.Equal(HttpMethod.Get, seen!.Method);
        Assert.Equal("/channels/KYbE5xyjBt39", seen.RequestUri!.AbsolutePath);
        Assert.Equal(string.Empty, seen.RequestUri.Query);
        Assert.Equal(2, channels.Count);
        AssertFullChannel(channels[0]);
        Assert.Equal("CH2", channels[1].Id);
        Assert.Equal("Second", channels[1].Name);
        Assert.Equal(ConversationTypes.DirectMessage, channels[1].Type);
        Assert.Equal("0010", channels[1].SortOrder);
        Assert.Null(channels[1].Collaborators);
        Assert.Null(channels[1].CreatedAt);
    }

    [Fact]
    public async Task ListAsync_also_accepts_a_wrapped_array()
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Get, TestClients.Url("channels/KYbE5xyjBt39"))
            .Respond(Json.MediaType, $$"""{"success": true, "channels": [{{ChannelJson}}]}""");
        using var client = TestClients.Create(mock);

        var channels = await client.Conversations.ListAsync("KYbE5xyjBt39");

        AssertFullChannel(Assert.Single(channels));
    }

    [Fact]
    public async Task ListAvailableAsync_gets_the_joinable_channels()
    {
        var mock = new MockHttpMessageHandler();
        var route = mock.When(HttpMethod.Get, TestClients.Url("channels/KYbE5xyjBt39/available"))
            .WithHeaders("Authorization", Bearer)
            .Respond(Json.MediaType, """[{"channel_guid": "CH9", "channel_name": "Open room", "type": "namedConversation", "created_ts": 1767225600000}]""");
        using var client = TestClients.Create(mock);

        var channels = await client.Conversations.ListAvailableAsync("KYbE5xyjBt39");

        Assert.Equal(1, mock.GetMatchCount(route));
        var channel = Assert.Single(channels);
        Assert.Equal("CH9", channel.Id);
        Assert.Equal("Open room", channel.Name);
        Assert.Equal(Created, channel.CreatedAt);
    }

    [Fact]
    public async Task ListAvailableAsync_returns_an_empty_list_for_an_empty_array()
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Get, TestClients.Url("channels/KYbE5xyjBt39/available")).Respond(Json.MediaType, "[]");
        using var client = TestClients.Create(mock);

        Assert.Empty(await client.Conversations.ListAvailableAsync("KYbE5xyjBt39"));
    }

    [Fact]
    public async Task GetAsync_reads_the_v2_channel_with_epoch_ms_timestamps_collaborators_and_unknown_fields()
    {
        var mock = new MockHttpMessageHandler();
        var route = mock.When(HttpMethod.Get, TestClients.Url("v2/channel/CH0123456789abcd"))
            .WithHeaders("Authorization", Bearer)
            .Respond(Json.MediaType, ChannelJson);
        using var client = TestClients.Create(mock);

        var channel = await client.Conversations.GetAsync("CH0123456789abcd");

        Assert.Equal(1, mock.GetMatchCount(route));
        AssertFullChannel(channel);
    }

    [Fact]
    public async Task GetAsync_reads_iso_and_epoch_seconds_timestamps_too()
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Get, TestClients.Url("v2/channel/CH1"))
            .Respond(Json.MediaType, """{"channel_guid": "CH1", "created_ts": "2026-01-01T00:00:00.000Z", "last_updated_ts": 1767225600, "deleted_at": "1770112000000"}""");
        using var client = TestClients.Create(mock);

        var channel = await client.Conversations.GetAsync("CH1");

        Assert.Equal(Created, channel.CreatedAt);
        Assert.Equal(Created, channel.LastUpdatedAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1770112000000), channel.DeletedAt);
    }

    [Fact]
    public async Task GetV1Async_reads_the_dm_hash_of_a_direct_message()
    {
        var mock = new MockHttpMessageHandler();
        var route = mock.When(HttpMethod.Get, TestClients.Url("channel/CHdm"))
            .WithHeaders("Authorization", Bearer)
            .Respond(Json.MediaType, """
                {"channel_guid": "CHdm", "type": "directMessage", "dm_hash": "u1:u2",
                 "json_collaborators": [{"user_guid": "u1"}, {"user_guid": "u2"}], "channel_kind": "standard"}
                """);
        using var client = TestClients.Create(mock);

        var channel = await client.Conversations.GetV1Async("CHdm");

        Assert.Equal(1, mock.GetMatchCount(route));
        Assert.Equal("CHdm", channel.Id);
        Assert.Equal("u1:u2", channel.DmHash);
        Assert.Equal(ConversationTypes.DirectMessage, channel.Type);
        Assert.Equal(["u1", "u2"], channel.Collaborators!.Select(c => c.UserId));
    }

    [Fact]
    public async Task GetAsync_accepts_a_channel_wrapped_in_an_object()
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Get, TestClients.Url("v2/channel/CH0123456789abcd"))
            .Respond(Json.MediaType, $$"""{"channel": {{ChannelJson}}}""");
        using var client = TestClients.Create(mock);

        AssertFullChannel(await client.Conversations.GetAsync("CH0123456789abcd"));
    }

    [Fact]
    public async Task The_new_style_conversation_names_are_read_as_aliases()
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Get, TestClients.Url("channel/c1"))
            .Respond(Json.MediaType, """
                {"id": "c1", "name": "New style", "workspace_id": "w1", "description": "d", "visibility": "workspace",
                 "created_at": "2026-01-01T00:00:00Z", "last_updated_at": "2026-02-03T09:46:10.492Z", "total_duration_ms": 900, "type": "namedConversation"}
                """);
        using var client = TestClients.Create(mock);

        var channel = await client.Conversations.GetV1Async("c1");

        Assert.Equal("c1", channel.Id);
        Assert.Equal("New style", channel.Name);
        Assert.Equal("w1", channel.WorkspaceId);
        Assert.Equal("d", channel.Description);
        Assert.Equal(Created, channel.CreatedAt);
        Assert.Equal(new DateTimeOffset(2026, 2, 3, 9, 46, 10, 492, TimeSpan.Zero), channel.LastUpdatedAt);
        Assert.Equal(900, channel.TotalDurationMilliseconds);
        Assert.Equal("workspace", channel.AdditionalProperties!["visibility"].GetString());
        Assert.False(channel.AdditionalProperties.ContainsKey("id"));
    }

    [Fact]
    public async Task The_channel_names_win_over_the_new_style_aliases_in_either_order()
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Get, TestClients.Url("channels/w1"))
            .Respond(Json.MediaType, """[{"id": "alias-first", "channel_guid": "CH1", "name": "alias", "channel_name": "real"}, {"channel_guid": "CH2", "id": "alias-last", "channel_name": "real2", "name": "alias2"}]""");
        using var client = TestClients.Create(mock);

        var channels = await client.Conversations.ListAsync("w1");

        Assert.Equal("CH1", channels[0].Id);
        Assert.Equal("real", channels[0].Name);
        Assert.Equal("CH2", channels[1].Id);
        Assert.Equal("real2", channels[1].Name);
    }

    [Fact]
    public async Task A_conversation_serializes_with_the_wire_names_and_without_the_aliases()
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Get, TestClients.Url("v2/channel/CH0123456789abcd")).Respond(Json.MediaType, ChannelJson);
        using var client = TestClients.Create(mock);
        var channel = await client.Conversations.GetAsync("CH0123456789abcd");

        var json = JsonSerializer.Serialize(channel, Internal.CarbonVoiceJsonContext.Default.Conversation);
        using var document = JsonDocument.Parse(json);

        Assert.Equal("CH0123456789abcd", document.RootElement.GetProperty("channel_guid").GetString());
        Assert.Equal("Product launch", document.RootElement.GetProperty("channel_name").GetString());
        Assert.False(document.RootElement.TryGetProperty("id", out _));
        Assert.False(document.RootElement.TryGetProperty("name", out _));
        Assert.True(document.RootElement.GetProperty("is_pinned").GetBoolean());
    }

    [Fact]
    public async Task ListCollaboratorsAsync_gets_the_members_of_a_channel()
    {
        var mock = new MockHttpMessageHandler();
        HttpRequestMessage? seen = null;
        var route = mock.When(HttpMethod.Get, TestClients.Url("channel/collaborators/KYbE5xyjBt39/CH0123456789abcd"))
            .WithHeaders("Authorization", Bearer)
            .Respond(request =>
            {
                seen = request;
                return JsonResponse(HttpStatusCode.OK, """
                    [{"user_guid": "u1", "image_url": "https://img.test/u1.png", "first_name": "Ada", "last_name": "Lovelace", "permission": "owner", "joined": 1767225600000, "last_posted": null, "role_label": "Host"}]
                    """);
            });
        using var client = TestClients.Create(mock);

        var collaborators = await client.Conversations.ListCollaboratorsAsync("KYbE5xyjBt39", "CH0123456789abcd");

        Assert.Equal(1, mock.GetMatchCount(route));
        Assert.Equal(HttpMethod.Get, seen!.Method);
        var member = Assert.Single(collaborators);
        Assert.Equal("u1", member.UserId);
        Assert.Equal("Ada", member.FirstName);
        Assert.Equal("Lovelace", member.LastName);
        Assert.Equal("https://img.test/u1.png", member.ImageUrl);
        Assert.Equal("owner", member.Permission);
        Assert.Equal(Created, member.JoinedAt);
        Assert.Null(member.LastPostedAt);
        Assert.Equal("Host", member.AdditionalProperties!["role_label"].GetString());
    }

    [Fact]
    public async Task GetSummaryAsync_reads_the_summary()
    {
        var mock = new MockHttpMessageHandler();
        var route = mock.When(HttpMethod.Get, TestClients.Url("channels/CH0123456789abcd/summary"))
            .WithHeaders("Authorization", Bearer)
            .Respond(Json.MediaType, """
                {"channel_guid": "CH0123456789abcd", "summary": "The team agreed on a launch date.", "language": "en", "message_count": 42, "created_at": "2026-02-03T09:46:10.492Z", "model": "gpt"}
                """);
        using var client = TestClients.Create(mock);

        var summary = await client.Conversations.GetSummaryAsync("CH0123456789abcd");

        Assert.Equal(1, mock.GetMatchCount(route));
        Assert.Equal("CH0123456789abcd", summary.ConversationId);
        Assert.Equal("The team agreed on a launch date.", summary.Summary);
        Assert.Equal("en", summary.Language);
        Assert.Equal(42, summary.MessageCount);
        Assert.Equal(new DateTimeOffset(2026, 2, 3, 9, 46, 10, 492, TimeSpan.Zero), summary.CreatedAt);
        Assert.Equal("gpt", summary.AdditionalProperties!["model"].GetString());
    }

    [Fact]
    public async Task FindSummaryAsync_returns_the_summary_or_null_on_404()
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Get, TestClients.Url("channels/has/summary"))
            .Respond(Json.MediaType, """{"channel_guid": "has", "summary": "s", "language": "en", "message_count": 1, "created_at": "2026-01-01T00:00:00Z"}""");
        mock.When(HttpMethod.Get, TestClients.Url("channels/none/summary"))
            .Respond(HttpStatusCode.NotFound, Json.MediaType, """{"success":false,"requestId":"r-2","errmsg":"Summary not found"}""");
        using var client = TestClients.Create(mock);

        Assert.Equal("s", (await client.Conversations.FindSummaryAsync("has"))!.Summary);
        Assert.Null(await client.Conversations.FindSummaryAsync("none"));
        var error = await Assert.ThrowsAsync<CarbonVoiceNotFoundException>(() => client.Conversations.GetSummaryAsync("none"));
        Assert.Equal("r-2", error.RequestId);
    }

    [Fact]
    public async Task FindSummaryAsync_still_throws_other_errors()
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Get, TestClients.Url("channels/x/summary"))
            .Respond(HttpStatusCode.Forbidden, Json.MediaType, """{"success":false,"requestId":"r-3","errmsg":"Forbidden"}""");
        using var client = TestClients.Create(mock);

        await Assert.ThrowsAsync<CarbonVoiceForbiddenException>(() => client.Conversations.FindSummaryAsync("x"));
    }

    [Fact]
    public async Task Ids_are_escaped_in_the_path()
    {
        var mock = new MockHttpMessageHandler();
        HttpRequestMessage? seen = null;
        mock.When("*").Respond(request =>
        {
            seen = request;
            return JsonResponse(HttpStatusCode.OK, "[]");
        });
        using var client = TestClients.Create(mock);

        await client.Conversations.ListCollaboratorsAsync("w/1", "c 2?x");

        Assert.Equal("/channel/collaborators/w%2F1/c%202%3Fx", seen!.RequestUri!.AbsolutePath);
        Assert.Equal(string.Empty, seen.RequestUri.Query);
    }

    public static TheoryData<string?> BadIds => new() { null, string.Empty, "   " };

    [Theory]
    [MemberData(nameof(BadIds))]
    public async Task Null_or_blank_ids_throw_ArgumentException_without_a_request(string? id)
    {
        var mock = new MockHttpMessageHandler();
        var any = mock.When("*").Respond(Json.MediaType, "[]");
        using var client = TestClients.Create(mock);
        var conversations = client.Conversations;

        await Assert.ThrowsAnyAsync<ArgumentException>(() => conversations.ListAsync(id!));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => conversations.ListAvailableAsync(id!));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => conversations.GetAsync(id!));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => conversations.GetV1Async(id!));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => conversations.ListCollaboratorsAsync(id!, "c1"));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => conversations.ListCollaboratorsAsync("w1", id!));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => conversations.GetSummaryAsync(id!));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => conversations.FindSummaryAsync(id!));
        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => conversations.GetAsync(id!));
        Assert.Equal("conversationId", error.ParamName);
        Assert.Equal(0, mock.GetMatchCount(any));
    }

    [Fact]
    public async Task A_404_becomes_CarbonVoiceNotFoundException_with_the_request_id()
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Get, TestClients.Url("v2/channel/missing"))
            .Respond(HttpStatusCode.NotFound, Json.MediaType, NotFoundBody);
        using var client = TestClients.Create(mock);

        var error = await Assert.ThrowsAsync<CarbonVoiceNotFoundException>(() => client.Conversations.GetAsync("missing"));

        Assert.Equal("r-1", error.RequestId);
        Assert.Equal("Channel not found", error.ErrorMessage);
        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Equal("GET /v2/channel/{channel_guid}", error.Endpoint);
    }

    [Fact]
    public async Task A_403_becomes_CarbonVoiceForbiddenException()
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Get, TestClients.Url("channels/KYbE5xyjBt39"))
            .Respond(HttpStatusCode.Forbidden, Json.MediaType, """{"success":false,"requestId":"r-9","errmsg":"Not a member of this workspace"}""");
        using var client = TestClients.Create(mock);

        var error = await Assert.ThrowsAsync<CarbonVoiceForbiddenException>(() => client.Conversations.ListAsync("KYbE5xyjBt39"));

        Assert.Equal("r-9", error.RequestId);
        Assert.Equal("GET /channels/{workspace_guid}", error.Endpoint);
    }

    [Fact]
    public async Task A_GET_answered_502_is_retried()
    {
        var mock = new MockHttpMessageHandler();
        var calls = 0;
        var route = mock.When(HttpMethod.Get, TestClients.Url("v2/channel/CH0123456789abcd"))
            .Respond(_ => Interlocked.Increment(ref calls) == 1
                ? JsonResponse(HttpStatusCode.BadGateway, """{"success":false,"requestId":"r-5","errmsg":"Bad gateway"}""")
                : JsonResponse(HttpStatusCode.OK, ChannelJson));
        using var client = TestClients.Create(mock);

        var channel = await client.Conversations.GetAsync("CH0123456789abcd");

        Assert.Equal(2, mock.GetMatchCount(route));
        AssertFullChannel(channel);
    }

    [Fact]
    public async Task A_malformed_body_gives_a_malformed_response_error_naming_the_endpoint()
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Get, TestClients.Url("channels/w1")).Respond(Json.MediaType, """[{"channel_guid": "CH1", "channel_na""");
        using var client = TestClients.Create(mock);

        var error = await Assert.ThrowsAsync<CarbonVoiceMalformedResponseException>(() => client.Conversations.ListAsync("w1"));

        Assert.Contains("GET /channels/{workspace_guid}", error.Message, StringComparison.Ordinal);
    }

    private static void AssertFullChannel(Conversation channel)
    {
        Assert.Equal("CH0123456789abcd", channel.Id);
        Assert.Equal("Product launch", channel.Name);
        Assert.Equal("KYbE5xyjBt39", channel.WorkspaceId);
        Assert.Equal("standard", channel.Kind);
        Assert.Equal(ConversationTypes.NamedConversation, channel.Type);
        Assert.Equal("Launch planning", channel.Description);
        Assert.Equal("https://img.test/ch.png", channel.ImageUrl);
        Assert.Equal("Acme", channel.WorkspaceName);
        Assert.Equal("3", channel.SortOrder);
        Assert.Equal(Created, channel.CreatedAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1770112000000), channel.LastUpdatedAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1770111000000), channel.LastPostedAt);
        Assert.Null(channel.DeletedAt);
        Assert.Equal(42, channel.TotalMessages);
        Assert.Equal(123456, channel.TotalDurationMilliseconds);
        Assert.Null(channel.DmHash);
        Assert.True(channel.AdditionalProperties!["is_pinned"].GetBoolean());
        Assert.Equal(2, channel.Collaborators!.Count);
        var ada = channel.Collaborators[0];
        Assert.Equal("u1", ada.UserId);
        Assert.Equal("Ada", ada.FirstName);
        Assert.Equal("owner", ada.Permission);
        Assert.Equal(Created, ada.JoinedAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1770111000000), ada.LastPostedAt);
        Assert.Equal("ada", ada.AdditionalProperties!["nickname"].GetString());
        Assert.Null(channel.Collaborators[1].LastPostedAt);
        Assert.Null(channel.Collaborators[1].ImageUrl);
    }

    private static HttpResponseMessage JsonResponse(HttpStatusCode status, string json)
        => new(status) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
}
