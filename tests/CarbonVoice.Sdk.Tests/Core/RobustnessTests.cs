using System.Net;
using CarbonVoice.Sdk.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;

namespace CarbonVoice.Sdk.Tests.Core;

/// <summary>Failure modes found in review: cancelled refreshes, short-lived tokens, time budgets, cursors and DI lifetimes.</summary>
public sealed class RobustnessTests
{
    private const string TokenBody = """{"access_token":"at-2","refresh_token":"rt-2","expires_in":3600}""";

    [Fact]
    public async Task A_caller_cancelled_during_a_refresh_does_not_lose_the_rotated_refresh_token()
    {
        using var h = new TokenHarness();
        h.ApiAnswersOk();
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        h.Mock.When(HttpMethod.Post, TestClients.Url("oauth/token")).Respond(async () =>
        {
            arrived.TrySetResult();
            await release.Task;
            return Responses.Json(HttpStatusCode.OK, TokenBody);
        });
        await h.StoreTokenAsync("at-1", "rt-1", TimeSpan.FromMinutes(-1));
        using var cts = new CancellationTokenSource();

        var first = h.Client.Workspaces.GetAsync("w1", cts.Token);
        await arrived.Task;
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        release.SetResult();
        await TimeDriver.YieldUntilAsync(() => h.Store.GetAsync(TokenHarness.ConnectionId).IsCompletedSuccessfully && h.Store.GetAsync(TokenHarness.ConnectionId).GetAwaiter().GetResult()?.RefreshToken == "rt-2", "the refresh to store its result");

        var workspace = await h.Client.Workspaces.GetAsync("w1");

        Assert.Equal("w1", workspace.Id);
        Assert.Equal(1, h.TokenRequests);
        Assert.Equal("Bearer at-2", h.Recorder.Requests.Last().Authorization);
    }

    [Fact]
    public async Task Tokens_that_live_no_longer_than_the_refresh_buffer_are_refreshed_once_not_on_every_call()
    {
        using var h = new TokenHarness();
        h.ApiAnswersOk();
        h.TokenEndpointAnswers("""{"access_token":"at-2","refresh_token":"rt-2","expires_in":300}""");
        await h.StoreTokenAsync("at-1", "rt-1", TimeSpan.FromMinutes(-1));

        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => h.Client.Workspaces.GetAsync("w1"))));
        for (var i = 0; i < 5; i++)
        {
            await h.Client.Workspaces.GetAsync("w1");
        }

        Assert.Equal(1, h.TokenRequests);
        Assert.Equal(55, h.ApiRequests);
    }

    [Fact]
    public void The_refresh_buffer_is_capped_at_half_a_known_lifetime()
    {
        var issued = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
        var token = new CarbonVoiceToken { AccessToken = "a", IssuedAt = issued, ExpiresAt = issued.AddMinutes(4) };

        Assert.False(token.NeedsRefresh(TimeSpan.FromMinutes(5), issued.AddMinutes(1)));
        Assert.True(token.NeedsRefresh(TimeSpan.FromMinutes(5), issued.AddMinutes(2)));
        Assert.True((token with { IssuedAt = null }).NeedsRefresh(TimeSpan.FromMinutes(5), issued));
    }

    [Fact]
    public async Task A_5xx_asking_for_a_wait_beyond_the_allowed_one_surfaces_at_once_with_its_message()
    {
        using var mock = new MockHttpMessageHandler();
        var request = mock.When(TestClients.Url("v5/workspaces/w1")).Respond(_ => Responses.Json(
            HttpStatusCode.ServiceUnavailable, """{"success":false,"requestId":"r-503","errmsg":"maintenance"}""", ("Retry-After", "120")));
        using var client = TestClients.Create(mock);

        var error = await Assert.ThrowsAsync<CarbonVoiceServerException>(() => client.Workspaces.GetAsync("w1"));

        Assert.Equal("maintenance", error.ErrorMessage);
        Assert.Equal(1, mock.GetMatchCount(request));
    }

    [Fact]
    public async Task The_timeout_is_one_budget_for_the_whole_call_across_429_retries()
    {
        var time = new TrackingTimeProvider(TokenHarness.Start);
        var handler = new ScriptedHandler(time);
        using var client = new CarbonVoiceClient(
            TestClients.Options(o => (o.Timeout, o.AttemptTimeout) = (TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10))),
            new StaticAccessTokenProvider("t"),
            handler,
            timeProvider: time);

        var call = client.Workspaces.GetAsync("w1");

        // The 429's 2 s wait (the budget's timers are 10 s away), then the second pass must reach the handler before
        // time may jump to the budget: otherwise the budget could end the call before the retry is sent.
        await time.WaitUntilBlockedOnTimerAsync(call, TimeSpan.FromSeconds(3));
        time.Advance(TimeSpan.FromSeconds(2));
        await TimeDriver.YieldUntilAsync(() => handler.Calls == 2 || call.IsCompleted, "the second pass to be sent");
        await Assert.ThrowsAsync<CarbonVoiceTransportException>(() => time.AdvanceUntilCompletedAsync(call));

        Assert.Equal(TokenHarness.Start.AddSeconds(10), time.GetUtcNow());
        Assert.Equal(2, handler.Calls);
    }

    [Fact]
    public async Task A_cursor_envelope_with_has_more_but_no_cursor_continues_after_the_last_item()
    {
        using var mock = new MockHttpMessageHandler();
        mock.When(TestClients.Url("v5/workspaces")).WithExactQueryString("").Respond(Json.MediaType, """{"results":[{"id":"w1"}],"has_more":true,"next_cursor":null}""");
        mock.When(TestClients.Url("v5/workspaces")).WithQueryString("starting_after", "w1").Respond(Json.MediaType, """{"results":[{"id":"w2"}],"has_more":false}""");
        using var client = TestClients.Create(mock);

        var workspaces = await client.Workspaces.ListAsync().ToListAsync();

        Assert.Equal(["w1", "w2"], workspaces.Select(w => w.Id));
    }

    [Fact]
    public async Task An_empty_page_that_claims_more_without_a_cursor_is_an_error_not_a_silent_end()
    {
        using var mock = new MockHttpMessageHandler();
        mock.When(TestClients.Url("v5/workspaces")).Respond(Json.MediaType, """{"results":[],"has_more":true}""");
        using var client = TestClients.Create(mock);

        await Assert.ThrowsAsync<CarbonVoiceMalformedResponseException>(() => client.Workspaces.ListAsync().ToListAsync());
    }

    [Fact]
    public void Clients_from_the_container_are_not_disposable_so_the_root_provider_does_not_keep_them()
    {
        var services = new ServiceCollection();
        services.AddCarbonVoice(o => (o.ClientId, o.ClientSecret) = ("id", "secret"));
        using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<ICarbonVoiceClient>();

        Assert.IsNotAssignableFrom<IDisposable>(client);
        Assert.Equal(CarbonVoiceClient.DefaultConnectionId, client.ConnectionId);
    }

    [Fact]
    public async Task Export_polling_waits_on_the_clients_own_clock()
    {
        var time = new TrackingTimeProvider(TokenHarness.Start);
        using var mock = new MockHttpMessageHandler();
        var polls = 0;
        mock.When(TestClients.Url("data-exporter/e1")).Respond(_ => Responses.Json(HttpStatusCode.OK, ++polls < 3 ? """{"id":"e1","status":"processing"}""" : """{"id":"e1","status":"done","download_url":"https://files.test/e1"}"""));
        using var client = TestClients.Create(mock, time: time);

        // Only the 5-second poll waits are fired, never the request timeouts armed while a poll is in flight.
        var job = await time.AdvanceUntilCompletedAsync(client.DataExports.WaitForCompletionAsync("e1", TimeSpan.FromSeconds(5)), horizon: TimeSpan.FromSeconds(5));

        // Two 5-second waits happened on the fake clock (a wait on the system clock would leave it where it was).
        Assert.Equal("done", job.Status);
        Assert.Equal(3, polls);
        Assert.Equal(TokenHarness.Start.AddSeconds(10), time.GetUtcNow());
    }

    /// <summary>Answers 429 (Retry-After 2 s) at once, then takes 9 s of fake time before a 200.</summary>
    private sealed class ScriptedHandler(TimeProvider time) : HttpMessageHandler
    {
        public int Calls { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (++Calls == 1)
            {
                return Responses.RateLimited(TimeSpan.FromSeconds(2));
            }

            await Task.Delay(TimeSpan.FromSeconds(9), time, cancellationToken);
            return Responses.Json(HttpStatusCode.OK, TokenHarness.WorkspaceJson);
        }
    }
}
