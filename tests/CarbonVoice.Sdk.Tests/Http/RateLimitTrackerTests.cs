using CarbonVoice.Sdk.Internal;

namespace CarbonVoice.Sdk.Tests.Http;

public sealed class RateLimitTrackerTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_older_response_recorded_late_does_not_overwrite_newer_state()
    {
        var tracker = new RateLimitTracker();
        tracker.Record("c1", new RateLimitInfo(100, 0, Start.AddSeconds(10), Start.AddSeconds(2)));

        // A response received earlier (a slow concurrent call) is recorded after the newer one.
        tracker.Record("c1", new RateLimitInfo(100, 57, Start.AddSeconds(30), Start.AddSeconds(1)));

        var state = tracker.Get("c1");
        Assert.NotNull(state);
        Assert.Equal(0, state.Remaining);
        Assert.Equal(Start.AddSeconds(10), state.ResetAt);
        Assert.Equal(Start.AddSeconds(2), state.ObservedAt);
    }

    [Fact]
    public void A_newer_response_replaces_older_state()
    {
        var tracker = new RateLimitTracker();
        tracker.Record("c1", new RateLimitInfo(100, 0, Start.AddSeconds(10), Start));

        tracker.Record("c1", new RateLimitInfo(100, 99, Start.AddSeconds(70), Start.AddSeconds(10)));

        Assert.Equal(99, tracker.Get("c1")!.Remaining);
    }

    [Fact]
    public void State_is_kept_per_connection()
    {
        var tracker = new RateLimitTracker();
        tracker.Record("c1", new RateLimitInfo(100, 0, Start.AddSeconds(10), Start));

        Assert.Null(tracker.Get("c2"));
        Assert.Equal(0, tracker.Get("c1")!.Remaining);
    }

    [Fact]
    public void Of_two_responses_observed_at_the_same_time_the_one_recorded_last_wins()
    {
        var tracker = new RateLimitTracker();
        tracker.Record("c1", new RateLimitInfo(100, 40, Start.AddSeconds(10), Start));

        tracker.Record("c1", new RateLimitInfo(100, 39, Start.AddSeconds(10), Start));

        Assert.Equal(39, tracker.Get("c1")!.Remaining);
    }
}
