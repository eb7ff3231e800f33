using System.Globalization;

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
}
