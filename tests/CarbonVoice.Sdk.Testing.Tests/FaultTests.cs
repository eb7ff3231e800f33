using System.Net;
using System.Text.Json;

namespace CarbonVoice.Sdk.Testing.Tests;

public sealed class FaultTests
{
    [Fact]
    public async Task Sequenced_faults_hit_the_next_requests_in_order()
    {
        var (emulator, _) = Emu.Create();
        await using var _e = emulator;
        using var client = Emu.UserClient(emulator);
        emulator.Faults.Enqueue(FaultKind.Status500, FaultKind.Status502, FaultKind.Status503, FaultKind.HtmlErrorPage,
            FaultKind.TruncatedJson, FaultKind.MalformedJson, FaultKind.TokenExpiredEarly, FaultKind.ConnectionReset);

        foreach (var expected in new[] { 500, 502, 503 })
        {
            var (status, body) = await Emu.GetJson(client, "/whoami");
            Assert.Equal(expected, status);
            Emu.AssertErrorBody(body);
        }

        using (var html = await client.GetAsync("/whoami"))
        {
            Assert.Equal(HttpStatusCode.BadGateway, html.StatusCode);
            Assert.Equal("text/html", html.Content.Headers.ContentType!.MediaType);
            Assert.Equal("<html>502 Bad Gateway</html>", await html.Content.ReadAsStringAsync());
        }

        using (var truncated = await client.GetAsync("/whoami"))
        {
            Assert.Equal(HttpStatusCode.OK, truncated.StatusCode);
            var text = await truncated.Content.ReadAsStringAsync();
            Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(text));
        }

        using (var malformed = await client.GetAsync("/whoami"))
        {
            Assert.Equal(HttpStatusCode.OK, malformed.StatusCode);
            Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(malformed.Content.ReadAsStringAsync().Result));
        }

        Assert.Equal(401, (await Emu.GetJson(client, "/whoami")).Status);
        var reset = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("/whoami"));
        Assert.IsType<IOException>(reset.InnerException);
        Assert.Equal(200, (await Emu.GetJson(client, "/whoami")).Status);
        Assert.Equal(0, emulator.Faults.Pending);
        Assert.Equal(
            new int[] { 500, 502, 503, 502, 200, 200, 401, 0, 200 },
            emulator.Requests.Select(r => r.Status));
    }

    [Fact]
    public async Task Failure_rate_is_deterministic_under_the_seed()
    {
        async Task<List<int>> Run(int seed)
        {
            var (emulator, _) = Emu.Create(o =>
            {
                o.Seed = seed;
                o.Faults.FailureRate = 0.3;
            });
            await using var _e = emulator;
            using var client = Emu.UserClient(emulator);
            var statuses = new List<int>();
            for (var i = 0; i < 60; i++)
            {
                statuses.Add((await Emu.GetJson(client, "/whoami")).Status);
            }

            return statuses;
        }

        var first = await Run(7);
        Assert.Equal(first, await Run(7));
        Assert.NotEqual(first, await Run(8));
        Assert.Contains(first, s => s >= 500);
        Assert.Contains(first, s => s == 200);
    }

    [Fact]
    public async Task Latency_waits_on_the_time_provider()
    {
        var (emulator, time) = Emu.Create();
        await using var _e = emulator;
        using var client = Emu.UserClient(emulator);
        emulator.Faults.Latency = TimeSpan.FromSeconds(5);
        emulator.Faults.Enqueue(FaultKind.Latency);
        var pending = client.GetAsync("/whoami");
        Assert.False(pending.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(5));
        using var response = await pending.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Quirk_bursts_of_502_come_in_runs()
    {
        var (emulator, _) = Emu.Create(o =>
        {
            o.Quirks.Enabled = true;
            o.Quirks.Burst502Probability = 0.1;
            o.Quirks.Burst502Length = 3;
        });
        await using var _e = emulator;
        using var client = Emu.UserClient(emulator);
        var statuses = new List<int>();
        for (var i = 0; i < 100; i++)
        {
            statuses.Add((await Emu.GetJson(client, "/health")).Status);
        }

        var first = statuses.IndexOf(502);
        Assert.True(first >= 0);
        Assert.Equal(new[] { 502, 502, 502 }, statuses.Skip(first).Take(3));
    }

    [Fact]
    public async Task Control_endpoint_sets_and_clears_faults()
    {
        var (emulator, _) = Emu.Create();
        await using var _e = emulator;
        using var control = Emu.ControlClient(emulator);
        using var client = Emu.UserClient(emulator);
        var (status, state) = await Emu.PostJson(control, "/_emulator/faults", """{"sequence": ["status503", "connection_reset"], "latency_ms": 10}""");
        Assert.Equal(200, status);
        Assert.Equal(2, state.GetProperty("pending").GetInt32());
        Assert.Equal(503, (await Emu.GetJson(client, "/whoami")).Status);
        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("/whoami"));
        await Emu.PostJson(control, "/_emulator/faults", """{"failure_rate": 1.0, "statuses": [503]}""");
        Assert.Equal(503, (await Emu.GetJson(client, "/whoami")).Status);
        using var cleared = await control.DeleteAsync("/_emulator/faults");
        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        Assert.Equal(200, (await Emu.GetJson(client, "/whoami")).Status);
        Assert.Equal(400, (await Emu.PostJson(control, "/_emulator/faults", """{"sequence": ["bogus"]}""")).Status);
    }
}
