using CarbonVoice.Sdk.Tests.Support;
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
}
