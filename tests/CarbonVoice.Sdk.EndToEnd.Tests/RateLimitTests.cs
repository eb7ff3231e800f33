using System.Net;
using CarbonVoice.Sdk.EndToEnd.Tests.Support;
using CarbonVoice.Sdk.Testing;

namespace CarbonVoice.Sdk.EndToEnd.Tests;

/// <summary>A bucket of 5 requests refilled over 5 s (one token a second), on a clock shared by the emulator and the SDK.</summary>
public sealed class RateLimitTests
{
    private static Harness Tight(RateLimitResetMode mode = RateLimitResetMode.SecondsFromNow, int limit = 5, int windowSeconds = 5)
        => new(o => o.RateLimit = new RateLimitOptions { Limit = limit, Window = TimeSpan.FromSeconds(windowSeconds), ResetMode = mode });

    private static int Count(Harness h, int status) => h.Emulator.Requests.Count(r => r.PathAndQuery == "/whoami" && r.Status == status);

    [Fact]
    public async Task Thirty_sequential_gets_all_succeed_through_retried_429s()
    {
        await using var h = Tight();
        var client = h.ClientFor(configure: o => o.RateLimit.WaitWhenExhausted = false);

        async Task<List<User>> RunAsync()
        {
            var users = new List<User>();
            for (var i = 0; i < 30; i++)
            {
                users.Add(await client.Users.WhoAmIAsync());
            }

            return users;
        }

        var results = await h.Clock.DriveAsync(RunAsync());

        Assert.Equal(30, results.Count);
        Assert.All(results, u => Assert.Equal(h.User.Id, u.Id));
        Assert.Equal(30, Count(h, 200));
        Assert.Equal(25, Count(h, 429)); // each request beyond the bucket: one 429, a 1 s wait, then success
        Assert.Equal(30 + Count(h, 429), h.Emulator.Requests.Count);
        Assert.Equal(5, client.RateLimit!.Limit);
    }

    [Fact]
    public async Task Thirty_parallel_gets_all_succeed_and_none_is_lost_or_duplicated()
    {
        await using var h = Tight();
        var client = h.ClientFor(configure: o =>
        {
            o.RateLimit.WaitWhenExhausted = false;
            o.RateLimit.MaxRetries = 60;

            // Six windows of 5 s pass in fake time while the other calls wait theirs: a request still in flight in real
            // time (a loaded machine) would reach the 30 s attempt timeout and be retried after the emulator served it,
            // which is right for a GET but is a second 200 here. Timeouts beyond any jump the driver makes keep it out.
            o.AttemptTimeout = TimeSpan.FromHours(1);
            o.Timeout = TimeSpan.FromHours(2);
        });

        var calls = Enumerable.Range(0, 30).Select(_ => client.Users.WhoAmIAsync()).ToArray();
        var results = await h.Clock.DriveAsync(Task.WhenAll(calls));

        Assert.All(results, u => Assert.Equal(h.User.Id, u.Id));
        Assert.Equal(30, Count(h, 200));
        Assert.True(Count(h, 429) > 0);
        Assert.All(h.Emulator.Requests, r => Assert.Contains(r.Status, new[] { 200, 429 }));
    }

    [Theory]
    [InlineData(RateLimitResetMode.SecondsFromNow)]
    [InlineData(RateLimitResetMode.EpochSeconds)]
    public async Task Exhausted_bucket_is_waited_out_before_sending_so_no_429_is_provoked(RateLimitResetMode mode)
    {
        await using var h = Tight(mode);
        var client = h.ClientFor(); // WaitWhenExhausted is on by default

        async Task<int> RunAsync()
        {
            for (var i = 0; i < 30; i++)
            {
                await client.Users.WhoAmIAsync();
            }

            return 30;
        }

        await h.Clock.DriveAsync(RunAsync());

        Assert.Equal(30, Count(h, 200));
        Assert.Equal(0, Count(h, 429));
        Assert.True(h.Time.GetUtcNow() - Harness.Start >= TimeSpan.FromSeconds(20), "25 requests beyond the bucket need at least 20 s of refill");
        Assert.True(h.Time.GetUtcNow() - Harness.Start <= TimeSpan.FromSeconds(40), $"held far too long: {h.Time.GetUtcNow() - Harness.Start}");
    }

    [Fact]
    public async Task Retries_beyond_the_bound_throw_the_rate_limit_exception()
    {
        await using var h = Tight();
        var client = h.ClientFor(configure: o =>
        {
            o.RateLimit.WaitWhenExhausted = false;
            o.RateLimit.MaxRetries = 0;
        });
        for (var i = 0; i < 5; i++)
        {
            await client.Users.WhoAmIAsync();
        }

        var error = await Assert.ThrowsAsync<CarbonVoiceRateLimitException>(() => Clock.NoAdvance(client.Users.WhoAmIAsync()));

        Assert.Equal(HttpStatusCode.TooManyRequests, error.StatusCode);
        Assert.Equal("GET /whoami", error.Endpoint);
        Assert.Equal(TimeSpan.FromSeconds(1), error.RetryAfter);
        Assert.NotNull(error.ResetAt);
        Assert.Equal(1, Count(h, 429));
    }

    [Fact]
    public async Task A_reset_beyond_MaxWait_throws_at_once_instead_of_waiting()
    {
        await using var h = Tight(limit: 1, windowSeconds: 120);
        var client = h.ClientFor(configure: o =>
        {
            o.RateLimit.WaitWhenExhausted = false;
            o.RateLimit.MaxWait = TimeSpan.FromSeconds(10);
        });
        await client.Users.WhoAmIAsync();

        var error = await Assert.ThrowsAsync<CarbonVoiceRateLimitException>(() => Clock.NoAdvance(client.Users.WhoAmIAsync()));

        Assert.Equal(TimeSpan.FromSeconds(120), error.RetryAfter);
        Assert.Equal(Harness.Start, h.Time.GetUtcNow());
    }

    [Fact]
    public async Task A_held_request_beyond_MaxWait_is_not_sent()
    {
        await using var h = Tight(limit: 1, windowSeconds: 120);
        var client = h.ClientFor(configure: o => o.RateLimit.MaxWait = TimeSpan.FromSeconds(10));
        await client.Users.WhoAmIAsync();

        await Assert.ThrowsAsync<CarbonVoiceRateLimitException>(() => Clock.NoAdvance(client.Users.WhoAmIAsync()));

        Assert.Single(h.Emulator.Requests);
    }
}
