using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CarbonVoice.Sdk.Connector.AspNetCore;
using CarbonVoice.Sample.Host.Tests.Infrastructure;
using CarbonVoice.Sdk;
using CarbonVoice.Sdk.Connector;
using Microsoft.Extensions.DependencyInjection;

namespace CarbonVoice.Sample.Host.Tests;

public sealed class WebhookTests : IDisposable
{
    private const string Api = "/api/connectors/carbonvoice";
    private readonly SampleHostFactory _host;

    public WebhookTests()
    {
        _host = FakeRunner.CreateHost();
    }

    private FakeRunner Runner => _host.Services.GetRequiredService<FakeRunner>();

    private string UserId => _host.Emulator.Data.Users[0].Id;

    public void Dispose() => _host.Dispose();

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-secret")]
    [InlineData("test-webhook-secret ")]
    public async Task A_missing_or_wrong_secret_is_401_and_changes_nothing(string? secret)
    {
        var id = await _host.ConnectAsync();
        var body = Payload("refresh_token.expired", "User", UserId, "{}");
        using var refused = await PostAsync(body, secret);
        var problem = await HttpAssert.ProblemAsync(refused, HttpStatusCode.Unauthorized);
        Assert.Equal("Invalid webhook signature", problem.GetProperty("title").GetString());
        Assert.Equal("connected", await StatusAsync(id));

        // The refused delivery was not remembered: the genuine one is processed, not taken for a replay.
        using var accepted = await PostAsync(body, SampleHostFactory.WebhookSecret);
        Assert.Equal("processed", (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Equal("expired", await StatusAsync(id));
    }

    [Fact]
    public async Task The_secret_header_sent_twice_is_refused()
    {
        using var client = _host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{Api}/webhook") { Content = Json(Payload("message.created", "Message", "m1", "{}")) };
        request.Headers.TryAddWithoutValidation("X-Webhook-Secret", [SampleHostFactory.WebhookSecret, SampleHostFactory.WebhookSecret]);
        using var response = await client.SendAsync(request);
        await HttpAssert.ProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_message_event_starts_a_delta_sync_of_the_users_connectors()
    {
        var id = await _host.ConnectAsync();
        var conversation = _host.Emulator.Data.ConversationsIn(_host.Emulator.Data.WorkspacesOf(UserId)[0].Id)[0].Id;
        using var response = await PostAsync(
            Payload("message.finished", "Message", "m1", $$"""{"id":"m1","channel_id":"{{conversation}}","workspace_id":"w1","creator_id":"{{UserId}}","transcript_txt":"hi","status":"active"}"""),
            SampleHostFactory.WebhookSecret);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("processed", result.GetProperty("status").GetString());
        Assert.Equal(id, result.GetProperty("connector_ids")[0].GetString());
        Assert.Contains(Runner.Calls, c => c.ConnectorId == id && c.Kind == SyncKind.Delta);

        // The delta is scoped to the message's conversation (channel_id of the webhook's message resource).
        var delta = Runner.Calls.Last(c => c.ConnectorId == id && c.Kind == SyncKind.Delta);
        Assert.Equal([conversation], delta.Conversations!);
    }

    [Fact]
    public async Task Message_webhooks_during_a_failing_sync_run_one_merged_conversation_delta_after_it()
    {
        var id = await _host.ConnectAsync();
        using var client = _host.Tenant(SampleHostFactory.TenantAKey);
        Runner.Hold();
        using var first = await client.PostAsync($"{Api}/{id}/sync", null);
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        await Runner.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));

        foreach (var (message, channel) in new[] { ("ma", "conv-a"), ("mb", "conv-b"), ("mc", "conv-a") })
        {
            var body = "{\"eventName\":\"message.created\",\"subscribedUserIds\":[\"" + UserId + "\"],\"data\":{\"eventName\":\"message.created\",\"resourceType\":\"Message\",\"resourceId\":\""
                + message + "\",\"resource\":{\"id\":\"" + message + "\",\"channel_id\":\"" + channel + "\",\"creator_id\":\"" + UserId + "\"}}}";
            using var response = await PostAsync(body, SampleHostFactory.WebhookSecret);
            Assert.Equal("processed", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        }

        Assert.Single(Runner.Calls); // only the running sync so far

        // The running sync fails: the pending delta still runs (not only after a success), once, for both conversations.
        Runner.Throw = new InvalidOperationException("Carbon Voice failed");
        Runner.Release();
        await SampleHostFactory.WaitUntilAsync(() => Task.FromResult(Runner.Calls.Count >= 2), "the follow-up delta");
        var followUp = Runner.Calls.Last();
        Assert.Equal(SyncKind.Delta, followUp.Kind);
        Assert.Equal(["conv-a", "conv-b"], followUp.Conversations!.Order(StringComparer.Ordinal));
        await SampleHostFactory.WaitUntilAsync(async () => (await StatusOfLastSyncAsync(id)) is "failed" && Runner.Calls.Count == 2, "the follow-up to end");

        // Nothing runs and nothing is about to (a run counts until it has started its follow-up): the pending request
        // was consumed, no further run came of it.
        var coordinator = _host.Services.GetRequiredService<SyncCoordinator>();
        await SampleHostFactory.WaitUntilAsync(() => Task.FromResult(coordinator.Executions == 0), "the coordinator to be idle");
        Assert.Equal(2, Runner.Calls.Count);
    }

    [Fact]
    public async Task An_identical_delivery_replayed_within_a_day_is_processed_once()
    {
        var id = await _host.ConnectAsync();
        var body = Payload("message.created", "Message", "m2", $$"""{"id":"m2","channel_id":"c1","creator_id":"{{UserId}}"}""");
        using var first = await PostAsync(body, SampleHostFactory.WebhookSecret);
        Assert.Equal("processed", (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        await SampleHostFactory.WaitUntilAsync(async () => (await StatusOfLastSyncAsync(id)) is "succeeded", "the delta to finish");

        using var replay = await PostAsync(body, SampleHostFactory.WebhookSecret);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal("duplicate", (await replay.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Single(Runner.Calls, c => c.Kind == SyncKind.Delta);
    }

    [Fact]
    public async Task Unknown_events_are_accepted_and_ignored()
    {
        await _host.ConnectAsync();
        using var response = await PostAsync(Payload("carbonlink.visited", "CarbonLink", "l1", "{}"), SampleHostFactory.WebhookSecret);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("ignored", result.GetProperty("status").GetString());
        Assert.Equal("carbonlink.visited", result.GetProperty("event_name").GetString());
        Assert.Empty(Runner.Calls);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"data\":{}}")]
    public async Task A_body_that_is_not_a_webhook_is_a_400_problem(string body)
    {
        using var response = await PostAsync(body, SampleHostFactory.WebhookSecret);
        await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Access_token_expired_makes_the_next_call_refresh()
    {
        var id = await _host.ConnectAsync();
        var tokens = _host.Services.GetRequiredService<ITokenStore>();
        Assert.True((await tokens.GetAsync(id))!.ExpiresAt > DateTimeOffset.UtcNow.AddMinutes(30));
        using var response = await PostAsync(Payload("access_token.expired", "User", UserId, "{}"), SampleHostFactory.WebhookSecret);
        Assert.Equal("processed", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.True((await tokens.GetAsync(id))!.ExpiresAt <= DateTimeOffset.UtcNow);
        Assert.Equal("connected", await StatusAsync(id));
    }

    [Fact]
    public async Task Refresh_token_expired_marks_only_that_users_connectors_expired()
    {
        var mine = await _host.ConnectAsync(SampleHostFactory.TenantAKey, "refresh");
        using var response = await PostAsync(Payload("refresh_token.expired", "User", "someone-else", "{}"), SampleHostFactory.WebhookSecret);
        Assert.Equal("ignored", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Equal("connected", await StatusAsync(mine));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_chunked_body_over_one_megabyte_is_413_and_changes_nothing(bool kestrel)
    {
        // On the TestServer the recording middleware removes Content-Length (as a chunked request has none); on Kestrel
        // the body really goes chunked over a socket.
        long? seenLength = -1;
        Action<SampleHostFactory> configure = factory => factory.TestServices = services => services
            .AddSingleton<FakeRunner>().AddSingleton<IConnectorRunner>(sp => sp.GetRequiredService<FakeRunner>())
            .AddSingleton<IStartupFilter>(new RecordingFilter(request =>
            {
                request.ContentLength = null;
                seenLength = request.ContentLength;
            }));
        await using var loopback = kestrel ? LoopbackHost.Start(configure) : null;
        using var testServer = kestrel ? null : new SampleHostFactory();
        if (testServer is not null)
        {
            configure(testServer);
        }

        var host = loopback?.Factory ?? testServer!;
        if (!kestrel)
        {
            await host.ConnectAsync(); // a connector the delivery would sync (the factory's own clients do not reach Kestrel)
        }

        var userId = host.Emulator.Data.Users[0].Id;
        var padding = new string('x', 1100 * 1024);
        var body = "{\"eventName\":\"message.created\",\"subscribedUserIds\":[\"" + userId + "\"],\"data\":{\"eventName\":\"message.created\",\"resourceType\":\"Message\",\"resourceId\":\"m-big\",\"resource\":{\"padding\":\"" + padding + "\"}}}";
        using var client = loopback is null ? host.CreateClient() : new HttpClient { BaseAddress = loopback.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{Api}/webhook") { Content = new UnknownLengthContent(Encoding.UTF8.GetBytes(body)) };
        request.Headers.Add("X-Webhook-Secret", SampleHostFactory.WebhookSecret);
        using var response = await client.SendAsync(request);
        await HttpAssert.ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Null(seenLength);
        Assert.Empty(host.Services.GetRequiredService<FakeRunner>().Calls);
    }

    [Fact]
    public async Task A_huge_list_of_subscribed_users_is_a_400_problem_not_a_500()
    {
        var users = string.Join(",", Enumerable.Range(0, 40_000).Select(i => "\"u" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\""));
        var body = "{\"eventName\":\"message.created\",\"subscribedUserIds\":[" + users + "],\"data\":{\"eventName\":\"message.created\",\"resourceType\":\"Message\",\"resourceId\":\"m1\",\"resource\":{}}}";
        Assert.True(body.Length < 1024 * 1024);
        using var response = await PostAsync(body, SampleHostFactory.WebhookSecret);
        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("subscribedUserIds", out _));
    }

    private sealed class RecordingFilter(Action<HttpRequest> record) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, proceed) =>
            {
                if (context.Request.Path.Value?.EndsWith("/webhook", StringComparison.Ordinal) == true)
                {
                    record(context.Request);
                }

                await proceed(context);
            });
            next(app);
        };
    }

    /// <summary>Content without a length: sent chunked, as a client that streams its body would.</summary>
    private sealed class UnknownLengthContent(byte[] bytes) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => stream.WriteAsync(bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = -1;
            return false;
        }
    }

    private static string Payload(string eventName, string resourceType, string resourceId, string resource)
    {
        var subscriber = resourceType == "User" ? resourceId : "HgKQsfKvOPfTXQgCyjYJ";
        return "{\"eventName\":\"" + eventName + "\",\"subscribedUserIds\":[\"" + subscriber + "\"],\"data\":{\"eventName\":\"" + eventName
            + "\",\"resourceType\":\"" + resourceType + "\",\"resourceId\":\"" + resourceId + "\",\"resource\":" + resource + "}}";
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private async Task<HttpResponseMessage> PostAsync(string body, string? secret)
    {
        using var client = _host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{Api}/webhook") { Content = Json(body) };
        if (secret is not null)
        {
            request.Headers.Add("X-Webhook-Secret", secret);
        }

        return await client.SendAsync(request);
    }

    private async Task<string?> StatusAsync(string id)
    {
        using var client = _host.Tenant(SampleHostFactory.TenantAKey);
        return (await client.GetFromJsonAsync<JsonElement>($"{Api}/{id}")).GetProperty("connector_status").GetString();
    }

    private async Task<string?> StatusOfLastSyncAsync(string id)
    {
        using var client = _host.Tenant(SampleHostFactory.TenantAKey);
        var connector = await client.GetFromJsonAsync<JsonElement>($"{Api}/{id}");
        return connector.GetProperty("last_sync_log_id").GetString() is { } run
            ? (await client.GetFromJsonAsync<JsonElement>($"{Api}/{id}/sync/{run}")).GetProperty("status").GetString()
            : null;
    }
}
