using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace CarbonVoice.Sdk.Testing.Tests;

public sealed class RateLimitTests
{
    private static long Header(HttpResponseMessage response, string name)
        => long.Parse(response.Headers.GetValues(name).Single(), CultureInfo.InvariantCulture);

    [Theory]
    [InlineData(RateLimitResetMode.SecondsFromNow)]
    [InlineData(RateLimitResetMode.EpochSeconds)]
    public async Task Bucket_empties_into_429_and_refills_with_time(RateLimitResetMode mode)
    {
        var (emulator, time) = Emu.Create(o =>
        {
            o.RateLimit.Limit = 3;
            o.RateLimit.Window = TimeSpan.FromSeconds(30);
            o.RateLimit.ResetMode = mode;
        });
        await using var _e = emulator;
        using var client = Emu.UserClient(emulator);
        for (var i = 2; i >= 0; i--)
        {
            using var ok = await client.GetAsync("/whoami");
            Assert.Equal(200, (int)ok.StatusCode);
            Assert.Equal(3, Header(ok, "X-RateLimit-Limit"));
            Assert.Equal(i, Header(ok, "X-RateLimit-Remaining"));
        }

        using var limited = await client.GetAsync("/whoami");
        Assert.Equal(429, (int)limited.StatusCode);
        Emu.AssertErrorBody(await Emu.Json(limited));
        Assert.Equal(0, Header(limited, "X-RateLimit-Remaining"));
        Assert.Equal(TimeSpan.FromSeconds(10), limited.Headers.RetryAfter!.Delta);
        var reset = Header(limited, "X-RateLimit-Reset");
        if (mode == RateLimitResetMode.EpochSeconds)
        {
            Assert.Equal(time.GetUtcNow().ToUnixTimeSeconds() + 30, reset);
        }
        else
        {
            Assert.Equal(30, reset);
        }

        time.Advance(TimeSpan.FromSeconds(10));
        using var again = await client.GetAsync("/whoami");
        Assert.Equal(200, (int)again.StatusCode);
        Assert.Equal(0, Header(again, "X-RateLimit-Remaining"));
    }

    [Fact]
    public async Task Buckets_are_per_credential_and_can_be_disabled()
    {
        var (emulator, _) = Emu.Create(o => o.RateLimit.Limit = 1);
        await using var _e = emulator;
        using var a = Emu.UserClient(emulator);
        using var b = Emu.UserClient(emulator);
        Assert.Equal(200, (await Emu.GetJson(a, "/whoami")).Status);
        Assert.Equal(429, (await Emu.GetJson(a, "/whoami")).Status);
        Assert.Equal(200, (await Emu.GetJson(b, "/whoami")).Status);
        emulator.Options.RateLimit.Enabled = false;
        using var free = await a.GetAsync("/whoami");
        Assert.Equal(200, (int)free.StatusCode);
        Assert.False(free.Headers.Contains("X-RateLimit-Limit"));
    }

    private static (long Limit, long Remaining, long Reset) RateHeaders(HttpResponseMessage response)
        => (Header(response, "X-RateLimit-Limit"), Header(response, "X-RateLimit-Remaining"), Header(response, "X-RateLimit-Reset"));

    private static long ExpectedReset(RateLimitResetMode mode, Microsoft.Extensions.Time.Testing.FakeTimeProvider time, long seconds)
        => mode == RateLimitResetMode.EpochSeconds ? time.GetUtcNow().ToUnixTimeSeconds() + seconds : seconds;

    [Theory]
    [InlineData(RateLimitResetMode.SecondsFromNow)]
    [InlineData(RateLimitResetMode.EpochSeconds)]
    public async Task Faulted_401_OAuth_and_404_responses_carry_the_headers_without_taking_a_token(RateLimitResetMode mode)
    {
        var (emulator, time) = Emu.Create(o =>
        {
            o.RateLimit.Limit = 3;
            o.RateLimit.Window = TimeSpan.FromSeconds(30);
            o.RateLimit.ResetMode = mode;
        });
        await using var _e = emulator;
        var tokens = emulator.IssueTokens(emulator.Data.Users[0].Id);
        using var client = Emu.Client(emulator, tokens.AccessToken);

        using (var ok = await client.GetAsync("/whoami"))
        {
            Assert.Equal(200, (int)ok.StatusCode);
            Assert.Equal((3, 2, ExpectedReset(mode, time, 10)), RateHeaders(ok));
        }

        // An injected 503 never reaches the limiter: it reports the credential's bucket and takes nothing.
        emulator.Faults.Enqueue(FaultKind.Status503, FaultKind.HtmlErrorPage, FaultKind.TokenExpiredEarly);
        foreach (var expected in new[] { 503, 502, 401 })
        {
            using var faulted = await client.GetAsync("/whoami");
            Assert.Equal(expected, (int)faulted.StatusCode);
            Assert.Equal((3, 2, ExpectedReset(mode, time, 10)), RateHeaders(faulted));
        }

        // An unknown route with a credential reports that credential's bucket.
        using (var missing = await client.GetAsync("/no/such/route"))
        {
            Assert.Equal(404, (int)missing.StatusCode);
            Emu.AssertErrorBody(await Emu.Json(missing));
            Assert.Equal((3, 2, ExpectedReset(mode, time, 10)), RateHeaders(missing));
        }

        // A bad token gets its own (full, never created) bucket.
        using (var bad = Emu.Client(emulator, "not-a-token"))
        {
            for (var i = 0; i < 5; i++)
            {
                using var unauthorized = await bad.GetAsync("/whoami");
                Assert.Equal(401, (int)unauthorized.StatusCode);
                Assert.Equal((3, 3, ExpectedReset(mode, time, 0)), RateHeaders(unauthorized));
            }
        }

        using (var badKey = Emu.Client(emulator))
        {
            badKey.DefaultRequestHeaders.Add("x-api-key", "not-a-key");
            using var unauthorized = await badKey.GetAsync("/whoami");
            Assert.Equal(401, (int)unauthorized.StatusCode);
            Assert.Equal((3, 3, ExpectedReset(mode, time, 0)), RateHeaders(unauthorized));
        }

        // OAuth endpoints and anonymous unknown routes carry the headers too.
        using (var anonymous = Emu.Client(emulator))
        {
            using var refreshed = await anonymous.PostAsync("/oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "refresh_token",
                ["refresh_token"] = tokens.RefreshToken,
                ["client_id"] = "emulator-client",
                ["client_secret"] = "emulator-secret",
            }));
            Assert.Equal(200, (int)refreshed.StatusCode);
            Assert.Equal((3, 3, ExpectedReset(mode, time, 0)), RateHeaders(refreshed));

            using var basic = new HttpRequestMessage(HttpMethod.Post, "/oauth/token")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = "gone" }),
            };
            basic.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("emulator-client:emulator-secret")));
            using var refused = await anonymous.SendAsync(basic);
            Assert.Equal(400, (int)refused.StatusCode);
            Assert.Equal((3, 3, ExpectedReset(mode, time, 0)), RateHeaders(refused));

            using var metadata = await anonymous.GetAsync("/.well-known/oauth-authorization-server");
            Assert.Equal(200, (int)metadata.StatusCode);
            Assert.Equal((3, 3, ExpectedReset(mode, time, 0)), RateHeaders(metadata));

            using var missing = await anonymous.GetAsync("/no/such/route");
            Assert.Equal(404, (int)missing.StatusCode);
            Assert.Equal((3, 3, ExpectedReset(mode, time, 0)), RateHeaders(missing));
        }

        // None of the above took a token: the old credential's bucket still holds 2.
        using (var again = await client.GetAsync("/whoami"))
        {
            Assert.Equal(200, (int)again.StatusCode);
            Assert.Equal((3, 1, ExpectedReset(mode, time, 20)), RateHeaders(again));
        }

        // Control requests stay bare, and a disabled limiter sends nothing anywhere.
        emulator.Options.RateLimit.Enabled = false;
        emulator.Faults.Enqueue(FaultKind.Status503);
        using (var faulted = await client.GetAsync("/whoami"))
        {
            Assert.Equal(503, (int)faulted.StatusCode);
            Assert.False(faulted.Headers.Contains("X-RateLimit-Limit"));
        }
    }
}
