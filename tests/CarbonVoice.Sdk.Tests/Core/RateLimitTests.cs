using System.Globalization;
using System.Net;
using CarbonVoice.Sdk.Tests.Support;
using RichardSzalay.MockHttp;

namespace CarbonVoice.Sdk.Tests.Core;

public sealed class RateLimitTests : RateLimitTestsBase
{
    [Fact]
    public void No_rate_limit_is_known_before_the_first_response()
        => Assert.Null(Client().RateLimit);

    [Fact]
    public async Task Headers_are_parsed_with_reset_as_seconds_from_now()
    {
        _mock.When(HttpMethod.Get, TestClients.Url(Path)).Respond(_ => Ok(("X-RateLimit-Limit", "100"), ("X-RateLimit-Remaining", "42"), ("X-RateLimit-Reset", "30")));
        var client = Client();

        await client.Workspaces.GetAsync("w1");

        var limit = client.RateLimit;
        Assert.NotNull(limit);
        Assert.Equal(100, limit.Limit);
        Assert.Equal(42, limit.Remaining);
        Assert.Equal(Start.AddSeconds(30), limit.ResetAt);
        Assert.Equal(Start, limit.ObservedAt);
    }

    [Fact]
    public async Task Headers_are_parsed_with_reset_as_epoch_seconds_above_one_billion()
    {
        var reset = Start.AddSeconds(90);
        _mock.When(HttpMethod.Get, TestClients.Url(Path)).Respond(_ => Ok(
            ("X-RateLimit-Limit", "100"),
            ("X-RateLimit-Remaining", "7"),
            ("X-RateLimit-Reset", reset.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture))));
        var client = Client();

        await client.Workspaces.GetAsync("w1");

        Assert.Equal(reset, client.RateLimit!.ResetAt);
        Assert.Equal(7, client.RateLimit.Remaining);
    }

    [Fact]
    public async Task The_latest_response_wins()
    {
        var remaining = 10;
        _mock.When(HttpMethod.Get, TestClients.Url(Path)).Respond(_ => Ok(("X-RateLimit-Remaining", (--remaining).ToString(CultureInfo.InvariantCulture))));
        var client = Client();

        await client.Workspaces.GetAsync("w1");
        _time.Advance(TimeSpan.FromSeconds(1));
        await client.Workspaces.GetAsync("w1");

        Assert.Equal(8, client.RateLimit!.Remaining);
        Assert.Null(client.RateLimit.ResetAt);
    }

    [Fact]
    public async Task A_429_with_retry_after_is_retried_after_waiting()
    {
        _mock.When(HttpMethod.Get, TestClients.Url(Path)).Respond(Responses.Sequence(
            () => Responses.RateLimited(TimeSpan.FromSeconds(5)),
            () => Ok()));
        var client = Client();

        var call = client.Workspaces.GetAsync("w1");
        await _time.WaitUntilBlockedOnTimerAsync(call);
        Assert.False(call.IsCompleted, "the call must wait for Retry-After");
        Assert.Equal(1, Sent);

        _time.Advance(TimeSpan.FromSeconds(4));
        Assert.False(call.IsCompleted, "the call must wait the whole Retry-After");
        Assert.Equal(1, Sent);

        var workspace = await _time.AdvanceUntilCompletedAsync(call);

        Assert.Equal("w1", workspace.Id);
        Assert.Equal(2, Sent);
        Assert.Equal(Start.AddSeconds(5), _time.GetUtcNow());
    }

    /// <param name="holding"><see cref="CarbonVoiceRateLimitOptions.WaitWhenExhausted"/>; off, the 1 s default must not win over the reset header either.</param>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_429_without_retry_after_waits_for_the_reset_header(bool holding)
    {
        _mock.When(HttpMethod.Get, TestClients.Url(Path)).Respond(Responses.Sequence(
            () => Responses.RateLimited(null, ("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", "8")),
            () => Ok()));
        var client = Client(o =>
        {
            o.RateLimit.WaitWhenExhausted = holding;
            o.RateLimit.DefaultRetryAfter = TimeSpan.FromSeconds(1);
        });

        var call = client.Workspaces.GetAsync("w1");
        await _time.WaitUntilBlockedOnTimerAsync(call);
        _time.Advance(TimeSpan.FromSeconds(7));
        Assert.False(call.IsCompleted, "the retry must wait until the reset, not the 1 s default");
        Assert.Equal(1, Sent);

        await _time.AdvanceUntilCompletedAsync(call);

        Assert.Equal(2, Sent);
        Assert.Equal(Start.AddSeconds(8), _time.GetUtcNow());
    }

    [Fact]
    public async Task When_remaining_reaches_zero_the_next_request_is_held_until_the_reset()
    {
        _mock.When(HttpMethod.Get, TestClients.Url(Path)).Respond(Responses.Sequence(
            () => Ok(("X-RateLimit-Limit", "10"), ("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", "10")),
            () => Ok(("X-RateLimit-Limit", "10"), ("X-RateLimit-Remaining", "9"), ("X-RateLimit-Reset", "60"))));
        var client = Client();
        await client.Workspaces.GetAsync("w1");
        Assert.Equal(0, client.RateLimit!.Remaining);

        var held = client.Workspaces.GetAsync("w1");
        await _time.WaitUntilBlockedOnTimerAsync(held);
        Assert.False(held.IsCompleted);
        Assert.Equal(1, Sent);

        _time.Advance(TimeSpan.FromSeconds(9));
        Assert.False(held.IsCompleted);
        Assert.Equal(1, Sent);

        await _time.AdvanceUntilCompletedAsync(held);

        Assert.Equal(2, Sent);
        Assert.Equal(Start.AddSeconds(10), _time.GetUtcNow());
        Assert.Equal(9, client.RateLimit.Remaining);
    }

    [Fact]
    public async Task Holding_can_be_turned_off()
    {
        _mock.When(HttpMethod.Get, TestClients.Url(Path)).Respond(_ => Ok(("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", "10")));
        var client = Client(o => o.RateLimit.WaitWhenExhausted = false);

        await client.Workspaces.GetAsync("w1");
        await TimeDriver.WithoutAdvancingAsync(client.Workspaces.GetAsync("w1"));

        Assert.Equal(2, Sent);
    }

    [Fact]
    public async Task Exceeding_the_retry_bound_throws_a_rate_limit_error_with_the_reset()
    {
        _mock.When(HttpMethod.Get, TestClients.Url(Path)).Respond(_ => Responses.RateLimited(TimeSpan.FromSeconds(2), ("X-RateLimit-Limit", "10"), ("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", "2")));
        var client = Client(o => o.RateLimit.MaxRetries = 2);

        var call = client.Workspaces.GetAsync("w1");
        await _time.AdvanceUntilCompletedAsync((Task)call);

        var error = await Assert.ThrowsAsync<CarbonVoiceRateLimitException>(() => call);
        Assert.Equal(3, Sent);
        Assert.Equal(Start.AddSeconds(4), _time.GetUtcNow());
        Assert.Equal(TimeSpan.FromSeconds(2), error.RetryAfter);
        Assert.NotNull(error.RateLimit);
        Assert.Equal(error.RateLimit.ObservedAt.AddSeconds(2), error.ResetAt);
        Assert.Equal(HttpStatusCode.TooManyRequests, error.StatusCode);
        Assert.Equal("rl-1", error.RequestId);
        Assert.Equal("GET /v5/workspaces/{id}", error.Endpoint);
        Assert.Contains("GET /v5/workspaces/{id}", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("(request id rl-1). Rate limit exhausted (after 2 retries).", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_no_retries_allowed_a_429_throws_at_once()
    {
        _mock.When(HttpMethod.Get, TestClients.Url(Path)).Respond(_ => Responses.RateLimited(TimeSpan.FromSeconds(1)));
        var client = Client(o => o.RateLimit.MaxRetries = 0);

        await Assert.ThrowsAsync<CarbonVoiceRateLimitException>(() => TimeDriver.WithoutAdvancingAsync(client.Workspaces.GetAsync("w1")));

        Assert.Equal(1, Sent);
    }

    [Fact]
    public async Task A_retry_after_longer_than_the_maximum_wait_throws_at_once()
    {
        _mock.When(HttpMethod.Get, TestClients.Url(Path)).Respond(_ => Responses.RateLimited(TimeSpan.FromSeconds(120)));
        var client = Client(o => o.RateLimit.MaxWait = TimeSpan.FromSeconds(60));

        var error = await Assert.ThrowsAsync<CarbonVoiceRateLimitException>(() => TimeDriver.WithoutAdvancingAsync(client.Workspaces.GetAsync("w1")));

        Assert.Equal(1, Sent);
        Assert.Equal(TimeSpan.FromSeconds(120), error.RetryAfter);
        Assert.Equal(Start, _time.GetUtcNow());
        Assert.EndsWith("Rate limit exhausted (the reset is 120 s away, beyond the wait allowed).", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_retry_after_longer_than_the_time_budget_left_throws_at_once_instead_of_timing_out()
    {
        _mock.When(HttpMethod.Get, TestClients.Url(Path)).Respond(_ => Responses.RateLimited(TimeSpan.FromSeconds(30)));
        var client = Client(o =>
        {
            o.Timeout = TimeSpan.FromSeconds(10);
            o.AttemptTimeout = TimeSpan.FromSeconds(5);
            o.RateLimit.MaxWait = TimeSpan.FromMinutes(5);
        });

        var error = await Assert.ThrowsAsync<CarbonVoiceRateLimitException>(() => TimeDriver.WithoutAdvancingAsync(client.Workspaces.GetAsync("w1")));

        Assert.Equal(1, Sent);
        Assert.Equal(TimeSpan.FromSeconds(30), error.RetryAfter);
        Assert.Equal(Start, _time.GetUtcNow());
    }

    [Fact]
    public async Task An_exhausted_limit_resetting_beyond_the_maximum_wait_fails_the_next_call_without_sending_it()
    {
        _mock.When(HttpMethod.Get, TestClients.Url(Path)).Respond(_ => Ok(("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", "600")));
        var client = Client(o => o.RateLimit.MaxWait = TimeSpan.FromSeconds(60));
        await client.Workspaces.GetAsync("w1");

        var error = await Assert.ThrowsAsync<CarbonVoiceRateLimitException>(() => TimeDriver.WithoutAdvancingAsync(client.Workspaces.GetAsync("w1")));

        Assert.Equal(1, Sent);
        Assert.Equal(Start.AddSeconds(600), error.ResetAt);
    }

    [Fact]
    public async Task Rate_limit_state_is_kept_per_connection()
    {
        _mock.When(HttpMethod.Get, TestClients.Url(Path)).Respond(_ => Ok(("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", "600")));
        var client = Client();
        await client.Workspaces.GetAsync("w1");

        using var other = new CarbonVoiceClient(TestClients.Options(), new StaticAccessTokenProvider("t2"), _recorder, "other-connection", _time);

        Assert.Null(other.RateLimit);
        Assert.Equal(0, client.RateLimit!.Remaining);
    }
}
