using System.Net;
using CarbonVoice.Sdk.EndToEnd.Tests.Support;
using CarbonVoice.Sdk.Testing;

namespace CarbonVoice.Sdk.EndToEnd.Tests;

public sealed class FaultTests
{
    public static TheoryData<FaultKind> TransientKinds =>
    [
        FaultKind.Status500, FaultKind.Status502, FaultKind.Status503, FaultKind.ConnectionReset, FaultKind.HtmlErrorPage, FaultKind.Latency,
    ];

    [Theory]
    [MemberData(nameof(TransientKinds))]
    public async Task A_single_transient_fault_on_a_get_is_retried_to_success(FaultKind kind)
    {
        await using var h = new Harness();
        var client = h.ClientFor();
        h.Emulator.Faults.Enqueue(kind);

        var me = await h.Clock.DriveAsync(client.Users.WhoAmIAsync());

        Assert.Equal(h.User.Id, me.Id);
        var log = h.Emulator.Requests;
        Assert.Equal(kind, log[0].Fault);
        Assert.Equal(200, log[^1].Status);
        Assert.Equal(kind == FaultKind.Latency ? 1 : 2, log.Count);
    }

    [Theory]
    [InlineData(FaultKind.Status500, HttpStatusCode.InternalServerError)]
    [InlineData(FaultKind.Status502, HttpStatusCode.BadGateway)]
    [InlineData(FaultKind.Status503, HttpStatusCode.ServiceUnavailable)]
    public async Task A_persistent_5xx_surfaces_as_a_server_exception_after_the_retries(FaultKind kind, HttpStatusCode status)
    {
        await using var h = new Harness();
        var client = h.ClientFor();
        h.Emulator.Faults.Enqueue(kind, kind, kind, kind);

        var error = await Assert.ThrowsAsync<CarbonVoiceServerException>(() => h.Clock.DriveAsync(client.Workspaces.GetAsync(h.Emulator.Data.WorkspacesOf(h.User.Id)[0].Id)));

        Assert.Equal(status, error.StatusCode);
        Assert.Equal("GET /v5/workspaces/{id}", error.Endpoint);
        Assert.False(string.IsNullOrEmpty(error.RequestId));
        Assert.Equal(4, h.Emulator.Requests.Count); // 1 + MaxRetryAttempts (3)
    }

    [Fact]
    public async Task A_persistent_connection_reset_on_a_get_surfaces_as_a_transport_exception()
    {
        await using var h = new Harness();
        var client = h.ClientFor();
        h.Emulator.Faults.Enqueue(FaultKind.ConnectionReset, FaultKind.ConnectionReset, FaultKind.ConnectionReset, FaultKind.ConnectionReset);

        var error = await Assert.ThrowsAsync<CarbonVoiceTransportException>(() => h.Clock.DriveAsync(client.Users.ListAsync()));

        Assert.Contains("GET /users", error.Message, StringComparison.Ordinal);
        Assert.IsType<HttpRequestException>(error.InnerException);
        Assert.Equal(4, h.Emulator.Requests.Count);
    }

    [Fact]
    public async Task A_persistent_html_error_page_surfaces_as_a_typed_error_naming_the_endpoint()
    {
        await using var h = new Harness();
        var client = h.ClientFor();
        h.Emulator.Faults.Enqueue(FaultKind.HtmlErrorPage, FaultKind.HtmlErrorPage, FaultKind.HtmlErrorPage, FaultKind.HtmlErrorPage);

        var error = await Assert.ThrowsAnyAsync<CarbonVoiceException>(() => h.Clock.DriveAsync(client.Users.WhoAmIAsync()));

        // 502 text/html: a server error (retried, then surfaced) whose excerpt shows the page; never a raw JsonException.
        Assert.True(error is CarbonVoiceServerException or CarbonVoiceMalformedResponseException, error.GetType().Name);
        Assert.Equal(HttpStatusCode.BadGateway, error.StatusCode);
        Assert.Equal("GET /whoami", error.Endpoint);
        Assert.Contains("502 Bad Gateway", error.ResponseBodyExcerpt, StringComparison.Ordinal);
        Assert.IsNotType<System.Text.Json.JsonException>(error.InnerException);
        Assert.Equal(4, h.Emulator.Requests.Count);
    }

    public static TheoryData<FaultKind, string> BodyFaults => new()
    {
        { FaultKind.TruncatedJson, "GET /whoami" },
        { FaultKind.TruncatedJson, "GET /v5/workspaces" },
        { FaultKind.TruncatedJson, "GET /v5/messages/{id}" },
        { FaultKind.TruncatedJson, "POST /v5/messages/by-ids" },
        { FaultKind.MalformedJson, "GET /whoami" },
        { FaultKind.MalformedJson, "GET /v5/workspaces" },
        { FaultKind.MalformedJson, "GET /v5/messages/{id}" },
        { FaultKind.MalformedJson, "POST /v5/messages/by-ids" },
    };

    [Theory]
    [MemberData(nameof(BodyFaults))]
    public async Task A_truncated_or_malformed_body_is_a_malformed_response_naming_the_endpoint(FaultKind kind, string endpoint)
    {
        await using var h = new Harness();
        var client = h.ClientFor();
        var conversation = h.Emulator.Data.ConversationsIn(h.Emulator.Data.WorkspacesOf(h.User.Id)[0].Id)[0];
        var message = h.Emulator.Data.MessagesIn(conversation.Id)[0];
        h.Emulator.Faults.Enqueue(kind);

        Func<Task> call = endpoint switch
        {
            "GET /whoami" => () => client.Users.WhoAmIAsync(),
            "GET /v5/workspaces" => () => client.Workspaces.ListAsync().ToListAsync(),
            "GET /v5/messages/{id}" => () => client.Messages.GetAsync(message.Id),
            _ => () => client.Messages.GetByIdsAsync(conversation.Id, [message.Id]),
        };
        var error = await Assert.ThrowsAsync<CarbonVoiceMalformedResponseException>(call);

        Assert.Equal(endpoint, error.Endpoint);
        Assert.Contains(endpoint, error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.ResponseBodyExcerpt);
        Assert.Single(h.Emulator.Requests); // a 200 with a bad body is not retried blindly
        Assert.Equal(h.User.Id, (await client.Users.WhoAmIAsync()).Id); // the next call is fine
    }

    [Fact]
    public async Task Token_expired_early_with_a_static_token_is_an_authentication_error()
    {
        await using var h = new Harness();
        var client = h.ClientFor();
        h.Emulator.Faults.Enqueue(FaultKind.TokenExpiredEarly);

        var error = await Assert.ThrowsAsync<CarbonVoiceAuthenticationException>(() => client.Users.WhoAmIAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Equal("jwt expired", error.ErrorMessage);
        Assert.Single(h.Emulator.Requests);
    }

    [Fact]
    public async Task Token_expired_early_with_a_stored_token_is_refreshed_and_retried()
    {
        await using var h = new Harness();
        var token = h.IssueToken();
        var stored = await h.StoredClientAsync(token);
        h.Emulator.Faults.Enqueue(FaultKind.TokenExpiredEarly);

        Assert.Equal(h.User.Id, (await stored.Client.Users.WhoAmIAsync()).Id);

        Assert.Single(h.RequestsTo("POST", "/oauth/token"));
        Assert.NotEqual(token.AccessToken, (await stored.Store.GetAsync(CarbonVoiceClient.DefaultConnectionId))!.AccessToken);
    }

    [Fact]
    public async Task Latency_beyond_the_attempt_timeout_is_retried_on_the_fake_clock()
    {
        await using var h = new Harness(o => o.Faults.Latency = TimeSpan.FromSeconds(45));
        var client = h.ClientFor(configure: o => o.AttemptTimeout = TimeSpan.FromSeconds(30));
        h.Emulator.Faults.Enqueue(FaultKind.Latency);

        // Time moves once, by the 30 s attempt timeout, and only when the first attempt is blocked in the emulator's
        // 45 s latency; the retry is answered at once, so no later timer (its own attempt timeout) may fire.
        var call = client.Users.WhoAmIAsync();
        await Clock.UntilAsync(() => call.IsCompleted || h.Clock.IsPending(Harness.Start + TimeSpan.FromSeconds(45)), "the first attempt to wait in the emulator's latency");
        Assert.False(call.IsCompleted);
        h.Time.Advance(TimeSpan.FromSeconds(30));
        var me = await Clock.NoAdvance(call);

        Assert.Equal(h.User.Id, me.Id);
        Assert.Equal(TimeSpan.FromSeconds(30), h.Time.GetUtcNow() - Harness.Start);
        var answered = Assert.Single(h.Emulator.Requests); // the abandoned attempt was never answered
        Assert.Equal(200, answered.Status);
    }

    [Theory]
    [InlineData(FaultKind.ConnectionReset)]
    [InlineData(FaultKind.Status503)]
    [InlineData(FaultKind.Status502)]
    public async Task A_failed_create_post_is_not_retried(FaultKind kind)
    {
        await using var h = new Harness();
        var client = h.ClientFor();
        var workspace = h.Emulator.Data.WorkspacesOf(h.User.Id)[0];
        var conversation = h.Emulator.Data.ConversationsIn(workspace.Id)[0];
        var workspaces = h.Emulator.Data.Workspaces.Count;
        var actionItems = h.Emulator.Data.ActionItemIdsIn(conversation.Id).Count;

        var creates = new (string Path, Func<Task> Call)[]
        {
            ("/carbonlink/create", () => client.CarbonLinks.CreateAsync(new CreateCarbonLinkRequest { WorkspaceId = workspace.Id, Type = CarbonLinkTypes.Website })),
            ("/carbonlink/personal", () => client.CarbonLinks.CreatePersonalAsync()),
            ("/v3/workspace", () => client.Workspaces.CreateAsync(new CreateWorkspaceRequest { Name = "Never" })),
            ("/action-items", () => client.ActionItems.CreateAsync(new CreateActionItemRequest { Title = "Never", ContainerType = ActionItemContainerTypes.Channel, ContainerId = conversation.Id })),
            ("/data-exporter/users", () => client.DataExports.ExportUsersAsync(new ExportUsersRequest { WorkspaceId = workspace.Id })),
            ("/data-exporter/conversations", () => client.DataExports.ExportConversationsAsync(new ExportConversationsRequest { WorkspaceId = workspace.Id })),
        };

        foreach (var (path, call) in creates)
        {
            h.Emulator.Faults.Enqueue(kind);
            var error = await Assert.ThrowsAnyAsync<CarbonVoiceException>(() => h.Clock.DriveAsync(call()));
            Assert.True(kind == FaultKind.ConnectionReset ? error is CarbonVoiceTransportException : error is CarbonVoiceServerException, $"{path}: {error.GetType().Name}");
            Assert.Single(h.RequestsTo("POST", path));
            Assert.Equal(0, h.Emulator.Faults.Pending);
        }

        Assert.Equal(workspaces, h.Emulator.Data.Workspaces.Count);
        Assert.Equal(actionItems, h.Emulator.Data.ActionItemIdsIn(conversation.Id).Count);
    }

    [Fact]
    public async Task Under_a_seeded_30_percent_502_rate_every_read_ends_in_success()
    {
        await using var h = new Harness(o => o.Faults = new FaultOptions { FailureRate = 0.3, Statuses = [502] });
        var client = h.ClientFor(configure: o => o.MaxRetryAttempts = 8);
        var data = h.Emulator.Data;
        var workspace = data.WorkspacesOf(h.User.Id)[0];
        var conversation = data.ConversationsIn(workspace.Id)[0];
        var messages = data.MessagesIn(conversation.Id);

        async Task<int> ReadEverythingAsync()
        {
            var reads = 0;
            for (var round = 0; round < 5; round++)
            {
                Assert.Equal(h.User.Id, (await client.Users.WhoAmIAsync()).Id);
                Assert.Equal(data.WorkspacesOf(h.User.Id).Count, (await client.Workspaces.ListAsync().ToListAsync()).Count);
                Assert.Equal(conversation.Name, (await client.Conversations.GetAsync(conversation.Id)).Name);
                Expect.SameMessages(messages, (await client.Messages.ListAllAsync(conversation.Id, new MessageListAllOptions { IdsPageSize = 10, BatchSize = 10 }).ToListAsync()).Select(m => m.Id).ToList());
                Expect.SameMessages(messages, (await client.Messages.ListSequentialAsync(conversation.Id, new SequentialListOptions { PageSize = 100 }).ToListAsync()).Select(m => m.Id).ToList());
                Assert.Equal(messages.Count, (await client.Messages.ListRecentAsync(new RecentMessagesOptions { Date = Harness.Start, ChannelId = conversation.Id, PageSize = 10 }).ToListAsync()).Count);
                reads += 6;
            }

            return reads;
        }

        Assert.Equal(30, await h.Clock.DriveAsync(ReadEverythingAsync()));
        var failed = h.Emulator.Requests.Count(r => r.Status == 502);
        Assert.True(failed > 10, $"only {failed} injected 502s");
        Assert.All(h.Emulator.Requests, r => Assert.Contains(r.Status, new[] { 200, 502 }));
    }

    [Fact]
    public async Task The_same_seed_replays_the_same_faults()
    {
        async Task<string> RunAsync()
        {
            await using var h = new Harness(o => o.Faults = new FaultOptions { FailureRate = 0.3, Statuses = [500, 502, 503] });
            var client = h.ClientFor(configure: o => o.MaxRetryAttempts = 8);
            for (var i = 0; i < 20; i++)
            {
                await h.Clock.DriveAsync(client.Users.WhoAmIAsync());
            }

            return string.Join(",", h.Emulator.Requests.Select(r => r.Status));
        }

        Assert.Equal(await RunAsync(), await RunAsync());
    }
}
