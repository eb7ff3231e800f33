using System.Net.Http.Headers;
using CarbonVoice.Sdk.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using RichardSzalay.MockHttp;

namespace CarbonVoice.Sdk.Tests.Http;

/// <summary>How long the rate-limit handler waits, and when it refuses to wait at all.</summary>
public sealed class RateLimitWaitTests : RateLimitTestsBase
{
    [Fact]
    public async Task An_exhausted_limit_resetting_beyond_the_call_budget_fails_the_next_call_at_once_without_sending_it()
    {
        _mock.When(HttpMethod.Get, TestClients.Url(Path)).Respond(_ => Ok(("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", "30")));
        var client = Client(o =>
        {
            o.Timeout = TimeSpan.FromSeconds(10);
            o.AttemptTimeout = TimeSpan.FromSeconds(5);
            o.RateLimit.MaxWait = TimeSpan.FromMinutes(5);
        });
        await client.Workspaces.GetAsync("w1");

        var call = client.Workspaces.GetAsync("w1");
        await _time.WaitUntilBlockedOnTimerAsync(call);

        Assert.True(call.IsCompleted, "the call must fail at once, not wait for a reset beyond its budget");
        var error = await Assert.ThrowsAsync<CarbonVoiceRateLimitException>(() => call);
        Assert.Equal(1, Sent);
        Assert.Equal(Start.AddSeconds(30), error.ResetAt);
        Assert.Equal(Start, _time.GetUtcNow());
    }

    [Fact]
    public async Task Without_holding_a_429_with_no_hint_at_all_waits_the_default()
    {
        _mock.When(HttpMethod.Get, TestClients.Url(Path)).Respond(Responses.Sequence(
            () => Responses.RateLimited(null),
            () => Ok()));
        var client = Client(o =>
        {
            o.RateLimit.WaitWhenExhausted = false;
            o.RateLimit.DefaultRetryAfter = TimeSpan.FromSeconds(3);
        });

        await _time.AdvanceUntilCompletedAsync(client.Workspaces.GetAsync("w1"));

        Assert.Equal(2, Sent);
        Assert.Equal(Start.AddSeconds(3), _time.GetUtcNow());
    }

    [Fact]
    public async Task Without_holding_an_exhausted_limit_does_not_delay_the_next_call()
    {
        _mock.When(HttpMethod.Get, TestClients.Url(Path)).Respond(_ => Ok(("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", "30")));
        var client = Client(o => o.RateLimit.WaitWhenExhausted = false);
        await client.Workspaces.GetAsync("w1");

        var call = client.Workspaces.GetAsync("w1");
        await _time.WaitUntilBlockedOnTimerAsync(call);

        Assert.True(call.IsCompleted, "with holding off, the call is sent at once");
        await call;
        Assert.Equal(2, Sent);
        Assert.Equal(Start, _time.GetUtcNow());
    }

    [Fact]
    public async Task A_response_without_rate_limit_headers_leaves_the_rate_limit_unknown()
    {
        _mock.When(HttpMethod.Get, TestClients.Url(Path)).Respond(_ => Ok());
        var client = Client();

        await client.Workspaces.GetAsync("w1");

        Assert.Null(client.RateLimit);
    }

    [Fact]
    public async Task A_retry_after_of_exactly_the_maximum_wait_is_waited_for()
    {
        _mock.When(HttpMethod.Get, TestClients.Url(Path)).Respond(Responses.Sequence(() => Responses.RateLimited(TimeSpan.FromSeconds(90)), () => Ok()));
        var client = Client(o => o.RateLimit.MaxWait = TimeSpan.FromSeconds(90));

        await _time.AdvanceUntilCompletedAsync(client.Workspaces.GetAsync("w1"));

        Assert.Equal(2, Sent);
        Assert.Equal(Start.AddSeconds(90), _time.GetUtcNow());
    }

    [Fact]
    public async Task A_retry_after_taking_exactly_the_budget_left_is_waited_for_and_the_retry_gets_what_is_left()
    {
        // The 429 asks for the whole 20 s budget: that is still allowed, and the retry is sent, but with nothing of the
        // budget left it is cut after the 1 ms floor instead of running on unbounded.
        var transport = new ScriptedTransport(async (call, cancellationToken) =>
        {
            if (call == 1)
            {
                return Responses.RateLimited(TimeSpan.FromSeconds(20));
            }

            await Task.Delay(TimeSpan.FromSeconds(5), _time, cancellationToken);
            return Ok();
        });
        using var client = new CarbonVoiceClient(
            TestClients.Options(o => (o.Timeout, o.AttemptTimeout, o.RateLimit.MaxWait) = (TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(20), TimeSpan.FromMinutes(1))),
            new StaticAccessTokenProvider(TestClients.AccessToken),
            transport,
            timeProvider: _time);

        var call = client.Workspaces.GetAsync("w1");
        await _time.WaitUntilBlockedOnTimerAsync(call, TimeSpan.FromSeconds(20));
        Assert.False(call.IsCompleted, "the 429's wait fits the budget exactly and must be waited for");
        _time.Advance(TimeSpan.FromSeconds(20));
        await TimeDriver.YieldUntilAsync(() => transport.Calls == 2 || call.IsCompleted, "the retry to be sent");
        await _time.AdvanceUntilCompletedAsync((Task)call);

        var error = await Assert.ThrowsAsync<CarbonVoiceTransportException>(() => call);
        Assert.Contains("timed out", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, transport.Calls);
        Assert.Equal(Start.AddSeconds(20).AddMilliseconds(1), _time.GetUtcNow());
    }

    [Fact]
    public async Task A_429_that_is_waited_out_is_disposed_and_only_the_retrys_answer_is_kept()
    {
        var answers = new List<HttpResponseMessage>();
        _mock.When(HttpMethod.Get, TestClients.Url(Path)).Respond(Responses.Sequence(
            () => Keep(answers, Responses.RateLimited(TimeSpan.FromSeconds(2))),
            () => Keep(answers, Ok())));
        var client = Client();

        await _time.AdvanceUntilCompletedAsync(client.Workspaces.GetAsync("w1"));

        Assert.Equal(2, answers.Count);
        Assert.Throws<ObjectDisposedException>(() => Assert.IsType<CarbonVoice.Sdk.Internal.PooledBodyContent>(answers[0].Content).Memory);
    }

    [Fact]
    public async Task A_retry_after_in_the_past_is_retried_at_once()
    {
        // A server clock ahead of the Date it sends: Retry-After names a time already gone.
        _mock.When(HttpMethod.Get, TestClients.Url(Path)).Respond(Responses.Sequence(
            () =>
            {
                var response = Responses.RateLimited(null);
                response.Headers.Date = Start;
                response.Headers.RetryAfter = new RetryConditionHeaderValue(Start.AddSeconds(-5));
                return response;
            },
            () => Ok()));
        var client = Client();

        var workspace = await TimeDriver.WithoutAdvancingAsync(client.Workspaces.GetAsync("w1"));

        Assert.Equal("w1", workspace.Id);
        Assert.Equal(2, Sent);
        Assert.Equal(Start, _time.GetUtcNow());
    }

    [Fact]
    public async Task A_turn_exactly_the_maximum_wait_away_is_waited_for()
    {
        _mock.When(HttpMethod.Get, TestClients.Url(Path)).Respond(_ => Ok(("X-RateLimit-Limit", "1"), ("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", "45")));
        var client = Client(o => o.RateLimit.MaxWait = TimeSpan.FromSeconds(45));
        await client.Workspaces.GetAsync("w1");

        await _time.AdvanceUntilCompletedAsync(client.Workspaces.GetAsync("w1"));

        Assert.Equal(2, Sent);
        Assert.Equal(Start.AddSeconds(45), _time.GetUtcNow());
    }

    [Fact]
    public async Task A_turn_exactly_the_budget_away_is_waited_for()
    {
        _mock.When(HttpMethod.Get, TestClients.Url(Path)).Respond(_ => Ok(("X-RateLimit-Limit", "1"), ("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", "30")));
        var client = Client(o => (o.Timeout, o.AttemptTimeout) = (TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30)));
        await client.Workspaces.GetAsync("w1");

        // Only the turn's wait is let run out: the (answered at once) request then goes with what is left of the budget.
        var call = client.Workspaces.GetAsync("w1");
        await _time.WaitUntilBlockedOnTimerAsync(call, TimeSpan.FromSeconds(30));
        Assert.False(call.IsCompleted, "a turn at the end of the budget must be waited for");
        _time.Advance(TimeSpan.FromSeconds(30));
        await TimeDriver.EnsureCompletedAsync(call);

        Assert.Equal("w1", (await call).Id);
        Assert.Equal(2, Sent);
    }

    [Fact]
    public async Task A_refused_turn_is_given_back_so_the_next_call_is_refused_for_the_same_reset()
    {
        // One request per window, none left, the reset 60 s away, at most 10 s of wait: each call is refused with the
        // reset's 60 s, not pushed a window further by the turns of the calls refused before it.
        _mock.When(HttpMethod.Get, TestClients.Url(Path)).Respond(_ => Ok(("X-RateLimit-Limit", "1"), ("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", "60")));
        var client = Client(o => o.RateLimit.MaxWait = TimeSpan.FromSeconds(10));
        await client.Workspaces.GetAsync("w1");

        var first = await Assert.ThrowsAsync<CarbonVoiceRateLimitException>(() => TimeDriver.WithoutAdvancingAsync(client.Workspaces.GetAsync("w1")));
        var second = await Assert.ThrowsAsync<CarbonVoiceRateLimitException>(() => TimeDriver.WithoutAdvancingAsync(client.Workspaces.GetAsync("w1")));

        Assert.Equal(TimeSpan.FromSeconds(60), first.RetryAfter);
        Assert.Equal(TimeSpan.FromSeconds(60), second.RetryAfter);
        Assert.Equal(
            "Carbon Voice GET /v5/workspaces/{id} was not sent: its turn under the rate limit is 60 s away (the limit resets at 2026-03-01T12:01:00.0000000+00:00), beyond the wait allowed.",
            second.Message);
        Assert.Equal(1, Sent);
    }

    [Fact]
    public async Task A_request_that_failed_without_an_answer_no_longer_counts_against_the_budget()
    {
        // The failed request is not on its way any more: with 2 left (no Limit known), one of the next calls may go at once.
        _mock.When(HttpMethod.Get, TestClients.Url(Path)).Respond(Responses.Sequence(
            () => throw new HttpRequestException("Connection reset"),
            () => Ok(("X-RateLimit-Remaining", "2"), ("X-RateLimit-Reset", "10"))));
        var client = Client(o => o.MaxRetryAttempts = 0);
        await Assert.ThrowsAsync<CarbonVoiceTransportException>(() => client.Workspaces.GetAsync("w1"));
        await client.Workspaces.GetAsync("w1");

        var call = client.Workspaces.GetAsync("w1");
        await _time.WaitUntilBlockedOnTimerAsync(call);

        Assert.True(call.IsCompleted, "the call must go at once, not wait for the reset");
        await call;
        Assert.Equal(3, Sent);
        Assert.Equal(Start, _time.GetUtcNow());
    }

    [Fact]
    public async Task A_rate_limit_wait_is_logged()
    {
        using var loggers = LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Trace));
        var collector = new FakeLogCollector();
        loggers.AddProvider(new FakeLoggerProvider(collector));
        _mock.When(HttpMethod.Get, TestClients.Url(Path)).Respond(Responses.Sequence(() => Responses.RateLimited(TimeSpan.FromSeconds(4)), () => Ok()));
        using var client = new CarbonVoiceClient(
            TestClients.Options(o => (o.Timeout, o.AttemptTimeout) = (TimeSpan.FromHours(1), TimeSpan.FromHours(1))),
            new StaticAccessTokenProvider(TestClients.AccessToken),
            _recorder,
            timeProvider: _time,
            loggerFactory: loggers);

        await _time.AdvanceUntilCompletedAsync(client.Workspaces.GetAsync("w1"));

        var record = Assert.Single(collector.GetSnapshot(), r => r.Message.Contains("rate limit", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Information, record.Level);
        Assert.Contains("4000 ms", record.Message, StringComparison.Ordinal);
        Assert.Contains("GET /v5/workspaces/{id}", record.Message, StringComparison.Ordinal);
    }

    private static HttpResponseMessage Keep(List<HttpResponseMessage> answers, HttpResponseMessage response)
    {
        lock (answers)
        {
            answers.Add(response);
        }

        return response;
    }
}
