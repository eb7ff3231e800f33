using System.Globalization;
using CarbonVoice.Sdk.Internal;
using CarbonVoice.Sdk.Tests.Support;
using RichardSzalay.MockHttp;

namespace CarbonVoice.Sdk.Tests.Http;

/// <summary>Concurrent callers of one connection share its rate-limit budget instead of bursting into 429s (fake clock, no sleeps).</summary>
public sealed class RateLimitPacingTests : RateLimitTestsBase
{
    [Theory]
    [InlineData(8, 10, 10)]
    [InlineData(4, 25, 10)]
    [InlineData(16, 5, 20)]
    public async Task Concurrent_callers_get_no_429_under_a_fixed_window_limit(int callers, int callsEach, int limit)
    {
        var (server, _) = await RunConcurrentCallersAsync(callers, callsEach, limit);

        Assert.Equal(0, server.Refused);
        Assert.Equal(callers * callsEach, server.Served);
        Assert.True(server.MostInOneWindow <= limit);
    }

    [Theory]
    [InlineData(8, 10, 10)]
    [InlineData(4, 25, 10)]
    [InlineData(16, 5, 20)]
    public async Task Concurrent_callers_give_up_at_most_one_request_of_a_window(int callers, int callsEach, int limit)
    {
        var (_, elapsed) = await RunConcurrentCallersAsync(callers, callsEach, limit);

        // Ideal: `limit` requests per window, the last window starting at (windows - 1) s. The last slot of a budget goes
        // at the reset, which may give up one request of a window: no more.
        var total = callers * callsEach;
        var bound = TimeSpan.FromSeconds(Math.Ceiling((double)total / (limit - 1)) - 1);
        Assert.True(elapsed <= bound, $"{total} calls took {elapsed.TotalSeconds:0.###} s of fake time; at most {bound.TotalSeconds} s expected");
    }

    [Fact]
    public void A_remaining_budget_is_spread_over_the_time_to_the_reset()
    {
        // 8 left for the 4 s to the reset, 8 callers queue at once: 4 go now, the other 4 at 1, 2, 3 and 4 s.
        var pacer = new RateLimitPacer();
        Send(pacer, Start).Complete(new RateLimitInfo(9, 8, Start.AddSeconds(4), Start));

        var waits = Enumerable.Range(0, 8).Select(_ => pacer.Reserve(Start).Wait.TotalSeconds).ToList();

        Assert.Equal([0, 0, 0, 0, 1, 2, 3, 4], waits);
    }

    [Fact]
    public void Requests_sent_after_the_answered_one_are_taken_off_its_budget()
    {
        // 4 more requests go; the response to the first of them reports 5 left of 10: the other 3 were sent after it, so
        // they are charged even though the window's count (5, of which 2 answered) could already include them (it could
        // be another client's): only 2 more may go, 1 now and 1 at the reset.
        var pacer = new RateLimitPacer();
        Send(pacer, Start).Complete(new RateLimitInfo(10, 9, Start.AddSeconds(10), Start));
        var sent = Enumerable.Range(0, 4).Select(_ => Send(pacer, Start)).ToList();

        sent[0].Complete(new RateLimitInfo(10, 5, Start.AddSeconds(10), Start));

        var waits = Enumerable.Range(0, 3).Select(_ => pacer.Reserve(Start).Wait.TotalSeconds).ToList();
        Assert.Equal([0, 10, 10], waits);
    }

    [Fact]
    public void Requests_sent_before_the_answered_one_and_in_its_count_are_not_taken_off_its_budget()
    {
        // The same 4 requests, but the last one's response reports 5 left: the 3 sent before it are in the window's count
        // (5, of which 2 answered), so all 5 are left: 2 now, then at 3, 6 and 9 s (the reset).
        var pacer = new RateLimitPacer();
        Send(pacer, Start).Complete(new RateLimitInfo(10, 9, Start.AddSeconds(9), Start));
        var sent = Enumerable.Range(0, 4).Select(_ => Send(pacer, Start)).ToList();

        sent[3].Complete(new RateLimitInfo(10, 5, Start.AddSeconds(9), Start));

        var waits = Enumerable.Range(0, 6).Select(_ => pacer.Reserve(Start).Wait.TotalSeconds).ToList();
        Assert.Equal([0, 0, 3, 6, 9, 9], waits);
    }

    [Fact]
    public void Requests_overtaken_on_their_way_to_the_service_are_taken_off_its_budget()
    {
        // The same 4 requests; the last one overtook the other 3: its response reports 8 left, a count of 2 (the first
        // request and itself), so the 3 sent before it are not counted yet: 5 are left, not 8.
        var pacer = new RateLimitPacer();
        Send(pacer, Start).Complete(new RateLimitInfo(10, 9, Start.AddSeconds(9), Start));
        var sent = Enumerable.Range(0, 4).Select(_ => Send(pacer, Start)).ToList();

        sent[3].Complete(new RateLimitInfo(10, 8, Start.AddSeconds(9), Start));

        var waits = Enumerable.Range(0, 6).Select(_ => pacer.Reserve(Start).Wait.TotalSeconds).ToList();
        Assert.Equal([0, 0, 3, 6, 9, 9], waits);
    }

    [Fact]
    public void Requests_reserved_and_not_yet_sent_are_taken_off_a_budget()
    {
        // One request is out and one more is reserved (not sent) when the response reports 3 left: 2 are left to hand out.
        var pacer = new RateLimitPacer();
        var first = Send(pacer, Start);
        Assert.Equal(TimeSpan.Zero, pacer.Reserve(Start).Wait);

        first.Complete(new RateLimitInfo(10, 3, Start.AddSeconds(10), Start));

        var waits = Enumerable.Range(0, 3).Select(_ => pacer.Reserve(Start).Wait.TotalSeconds).ToList();
        Assert.Equal([0, 10, 10], waits);
    }

    [Fact]
    public void Requests_waiting_for_the_reset_are_not_taken_off_the_window_before_it()
    {
        // 4 requests go; the first one's response (5 left) charges the other 3: 2 left, so of 3 more callers one goes now,
        // one at the reset (the last slot of a budget) and one beyond the budget, at the reset too. The other 3 responses
        // report older counts (6, 7, 8 left): they were counted before, so 5 are left less the one reserved for now. The two
        // waiting for the reset count in the next window: 4 are left, not 2.
        var pacer = new RateLimitPacer();
        Send(pacer, Start).Complete(new RateLimitInfo(10, 9, Start.AddSeconds(8), Start));
        var sent = Enumerable.Range(0, 4).Select(_ => Send(pacer, Start)).ToList();
        sent[0].Complete(new RateLimitInfo(10, 5, Start.AddSeconds(8), Start));
        Assert.Equal([0, 8, 8], Enumerable.Range(0, 3).Select(_ => pacer.Reserve(Start).Wait.TotalSeconds));

        for (var i = 1; i < 4; i++)
        {
            sent[i].Complete(new RateLimitInfo(10, 5 + i, Start.AddSeconds(8), Start));
        }

        Assert.Equal([0, 0, 4, 8], Probe(pacer, Start, 4));
    }

    [Fact]
    public void Within_a_window_the_lowest_remaining_is_the_newest_state()
    {
        // The service counted the second request before the first: the first one's response, read last, reports fewer
        // left, and it is the state to go by (the count of a window only grows).
        var pacer = new RateLimitPacer();
        var first = Send(pacer, Start);
        var second = Send(pacer, Start);

        second.Complete(new RateLimitInfo(10, 4, Start.AddSeconds(10), Start));
        first.Complete(new RateLimitInfo(10, 3, Start.AddSeconds(10), Start));

        var waits = Enumerable.Range(0, 4).Select(_ => pacer.Reserve(Start).Wait.TotalSeconds).ToList();
        Assert.Equal([0, 5, 10, 10], waits);
    }

    [Fact]
    public void An_older_response_completing_late_does_not_raise_the_budget()
    {
        // The later request's response (none left until 10 s) is read first; the earlier one's, of another window (8 left
        // until 30 s), is read at the same instant: it is older by send order, so it changes nothing.
        var pacer = new RateLimitPacer();
        var older = Send(pacer, Start);
        var newer = Send(pacer, Start);
        newer.Complete(new RateLimitInfo(10, 0, Start.AddSeconds(10), Start.AddSeconds(2)));
        older.Complete(new RateLimitInfo(10, 8, Start.AddSeconds(30), Start.AddSeconds(2)));

        Assert.Equal(TimeSpan.FromSeconds(8), pacer.Reserve(Start.AddSeconds(2)).Wait);
    }

    [Fact]
    public void A_request_sent_before_a_reset_is_charged_to_the_new_window_until_it_is_answered()
    {
        // A request sent in the old window is still out when the first response of the new one reports 3 left of 4: that
        // request is not in the new window's count (1), and it may yet reach the service after the reset, so it is
        // charged: 2 are left. Its response (of the old window) changes no state, but then 3 are left.
        var pacer = new RateLimitPacer();
        Send(pacer, Start).Complete(new RateLimitInfo(4, 3, Start.AddSeconds(10), Start));
        var old = Send(pacer, Start);

        var reset = Start.AddSeconds(10);
        Send(pacer, reset).Complete(new RateLimitInfo(4, 3, reset.AddSeconds(10), reset));
        Assert.Equal([0, 10, 10], Probe(pacer, reset, 3));

        old.Complete(new RateLimitInfo(4, 2, Start.AddSeconds(10), reset));

        Assert.Equal([0, 5, 10, 10], Probe(pacer, reset, 4));
    }

    [Fact]
    public void Requests_beyond_a_budget_go_at_the_reset_one_limit_per_window()
    {
        // 2 left of 4 until 4 s: one now, the last of the budget at the reset; beyond it, 4 more at the reset, then the next window.
        var pacer = new RateLimitPacer();
        Send(pacer, Start).Complete(new RateLimitInfo(4, 2, Start.AddSeconds(4), Start));

        Assert.Equal([0, 4, 4, 4, 4, 4, 8], Probe(pacer, Start, 7));
    }

    [Fact]
    public void A_slot_of_the_spread_already_past_goes_at_once()
    {
        // 4 left until 8 s, reported at 0 s: the third slot was at 4 s, so at 5 s it goes now, and the fourth in 3 s.
        var pacer = new RateLimitPacer();
        Send(pacer, Start).Complete(new RateLimitInfo(10, 4, Start.AddSeconds(8), Start));

        Assert.Equal([0, 0, 0, 3], Probe(pacer, Start.AddSeconds(5), 4));
    }

    [Fact]
    public void Once_the_reset_has_passed_nothing_is_delayed_until_the_new_window_is_known()
    {
        var pacer = new RateLimitPacer();
        Send(pacer, Start).Complete(new RateLimitInfo(1, 0, Start.AddSeconds(10), Start));
        Assert.Equal([10, 20, 30], Probe(pacer, Start, 3));

        Assert.Equal([0, 0, 0], Probe(pacer, Start.AddSeconds(10), 3));
    }

    [Theory]
    [InlineData(null, 2)]
    [InlineData(2, null)]
    [InlineData(4, 2)]
    public void The_limit_of_a_window_is_the_latest_one_reported(int? first, int? second)
    {
        // None left until 10 s; with a limit of 2 the requests beyond the budget go two per window.
        var pacer = new RateLimitPacer();
        var one = Send(pacer, Start);
        var two = Send(pacer, Start);
        one.Complete(new RateLimitInfo(first, 1, Start.AddSeconds(10), Start));
        two.Complete(new RateLimitInfo(second, 0, Start.AddSeconds(10), Start));

        Assert.Equal([10, 10, 20, 20], Probe(pacer, Start, 4));
    }

    [Theory]
    [InlineData(null, new double[] { 10, 10, 20 })]
    [InlineData(1, new double[] { 10, 20, 30 })]
    public void A_new_window_keeps_the_limit_unless_it_reports_another(int? limit, double[] expected)
    {
        var pacer = new RateLimitPacer();
        Send(pacer, Start).Complete(new RateLimitInfo(2, 0, Start.AddSeconds(10), Start));
        var reset = Start.AddSeconds(10);

        Send(pacer, reset).Complete(new RateLimitInfo(limit, 0, reset.AddSeconds(10), reset));

        Assert.Equal(expected, Probe(pacer, reset, 3));
    }

    [Fact]
    public void Of_two_responses_reporting_the_same_count_the_later_sent_stays_the_state()
    {
        // Requests 1, 2 and 3 go; 3 and then 1 report 5 left of 10 (until 9 s). Request 2 was sent before 3, the state:
        // it is in the count, so all 5 are left (2 now, then at 3, 6 and 9 s), not 4 as if the state were request 1's.
        var pacer = new RateLimitPacer();
        var first = Send(pacer, Start);
        Send(pacer, Start);
        var third = Send(pacer, Start);

        third.Complete(new RateLimitInfo(10, 5, Start.AddSeconds(9), Start));
        first.Complete(new RateLimitInfo(10, 5, Start.AddSeconds(9), Start));

        Assert.Equal([0, 0, 3, 6, 9], Probe(pacer, Start, 5));
    }

    [Fact]
    public void A_cancelled_reservation_gives_back_one_turn()
    {
        var pacer = new RateLimitPacer();
        Send(pacer, Start).Complete(new RateLimitInfo(1, 0, Start.AddSeconds(10), Start));
        var first = pacer.Reserve(Start);
        Assert.Equal([20, 30], [pacer.Reserve(Start).Wait.TotalSeconds, pacer.Reserve(Start).Wait.TotalSeconds]);

        first.Cancel();

        Assert.Equal(TimeSpan.FromSeconds(30), pacer.Reserve(Start).Wait);
    }

    [Fact]
    public async Task Calls_beyond_the_budget_wait_for_the_reset_and_then_one_limit_per_window()
    {
        var sent = new List<DateTimeOffset>();
        _mock.When(HttpMethod.Get, TestClients.Url(Path)).Respond(_ =>
        {
            lock (sent)
            {
                sent.Add(_time.GetUtcNow());
            }

            return Ok(("X-RateLimit-Limit", "2"), ("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", "10"));
        });
        var client = PacedClient();
        await client.Workspaces.GetAsync("w1");

        await _time.DriveCallersAsync(4, () => client.Workspaces.GetAsync("w1"));

        // Two at the reset (10 s); the next response says 0 left with a reset 10 s on: the other two at 20 s.
        Assert.Equal([Start, Start.AddSeconds(10), Start.AddSeconds(10), Start.AddSeconds(20), Start.AddSeconds(20)], sent.Order());
    }

    [Fact]
    public async Task A_slot_beyond_the_maximum_wait_fails_at_once_and_gives_its_turn_back()
    {
        _mock.When(HttpMethod.Get, TestClients.Url(Path)).Respond(_ => Ok(("X-RateLimit-Limit", "1"), ("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", "120")));
        var client = PacedClient(o => o.RateLimit.MaxWait = TimeSpan.FromSeconds(60));
        await client.Workspaces.GetAsync("w1");

        var error = await Assert.ThrowsAsync<CarbonVoiceRateLimitException>(() => TimeDriver.WithoutAdvancingAsync(client.Workspaces.GetAsync("w1")));
        Assert.Equal(TimeSpan.FromSeconds(120), error.RetryAfter);

        // The refused call holds no slot: after the reset the next call goes at once, not a window later.
        _time.Advance(TimeSpan.FromSeconds(120));
        await TimeDriver.WithoutAdvancingAsync(client.Workspaces.GetAsync("w1"));
        Assert.Equal(Start.AddSeconds(120), _time.GetUtcNow());
    }

    [Fact]
    public void Connections_have_separate_budgets()
    {
        var tracker = new RateLimitTracker();
        Send(tracker.Pacer("a"), Start).Complete(new RateLimitInfo(1, 0, Start.AddSeconds(120), Start));

        Assert.Equal(TimeSpan.Zero, tracker.Pacer("b").Reserve(Start).Wait);
        Assert.Equal(TimeSpan.FromSeconds(120), tracker.Pacer("a").Reserve(Start).Wait);
    }

    /// <summary>
    /// <paramref name="callers"/> concurrent callers make <paramref name="callsEach"/> calls each against a service allowing
    /// <paramref name="limit"/> requests a second; returns the service and the fake time they took.
    /// </summary>
    private async Task<(FixedWindowServer Server, TimeSpan Elapsed)> RunConcurrentCallersAsync(int callers, int callsEach, int limit)
    {
        var server = new FixedWindowServer(_time, limit, TimeSpan.FromSeconds(1));
        _mock.When(HttpMethod.Get, TestClients.Url(Path)).Respond(_ => server.Answer());
        var client = PacedClient();

        async Task CallerAsync()
        {
            for (var i = 0; i < callsEach; i++)
            {
                await client.Workspaces.GetAsync("w1");
            }
        }

        await _time.DriveCallersAsync(callers, CallerAsync);
        return (server, _time.GetUtcNow() - Start);
    }

    /// <summary>Reserves a slot that must go at once, and sends it.</summary>
    private static RateLimitPacer.Reservation Send(RateLimitPacer pacer, DateTimeOffset now)
    {
        var reservation = pacer.Reserve(now);
        Assert.Equal(TimeSpan.Zero, reservation.Wait);
        reservation.Sent();
        return reservation;
    }

    /// <summary>The waits of <paramref name="count"/> reservations made at once, given back afterwards (cancelled).</summary>
    private static List<double> Probe(RateLimitPacer pacer, DateTimeOffset now, int count)
    {
        var reservations = Enumerable.Range(0, count).Select(_ => pacer.Reserve(now)).ToList();
        reservations.ForEach(r => r.Cancel());
        return [.. reservations.Select(r => r.Wait.TotalSeconds)];
    }

    /// <summary>The client under test, retrying no 429: any 429 the pacing lets through reaches the test.</summary>
    private CarbonVoiceClient PacedClient(Action<CarbonVoiceOptions>? configure = null) => Client(o =>
    {
        o.RateLimit.MaxRetries = 0;
        configure?.Invoke(o);
    });

    /// <summary>A service with a fixed-window limit on the fake clock: <c>Reset</c> is the window's end, rounded up to the millisecond.</summary>
    private sealed class FixedWindowServer(TimeProvider time, int limit, TimeSpan window)
    {
        private readonly Lock _sync = new();
        private long _window = -1;
        private int _count;

        public int Served { get; private set; }

        public int Refused { get; private set; }

        public int MostInOneWindow { get; private set; }

        public HttpResponseMessage Answer()
        {
            lock (_sync)
            {
                var elapsed = time.GetUtcNow() - Start;
                var index = elapsed.Ticks / window.Ticks;
                if (index != _window)
                {
                    _window = index;
                    _count = 0;
                }

                var reset = Math.Ceiling(((window * (index + 1)) - elapsed).TotalMilliseconds) / 1000;
                var headers = new[] { ("X-RateLimit-Limit", limit.ToString(CultureInfo.InvariantCulture)), ("X-RateLimit-Remaining", Math.Max(0, limit - _count - 1).ToString(CultureInfo.InvariantCulture)), ("X-RateLimit-Reset", reset.ToString(CultureInfo.InvariantCulture)) };
                if (_count >= limit)
                {
                    Refused++;
                    return Responses.RateLimited(null, headers);
                }

                _count++;
                Served++;
                MostInOneWindow = Math.Max(MostInOneWindow, _count);
                return Ok(headers);
            }
        }
    }
}
