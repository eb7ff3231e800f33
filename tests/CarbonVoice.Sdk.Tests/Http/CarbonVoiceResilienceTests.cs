using System.Net;
using CarbonVoice.Sdk.Tests.Support;
using Polly;
using RichardSzalay.MockHttp;

namespace CarbonVoice.Sdk.Tests.Http;

/// <summary>
/// The default resilience pipeline: a transient fault's <c>Retry-After</c> is honoured when it fits the allowed wait and
/// the call's budget, and surfaced at once when it does not; retry delays are jittered (fake clock, no sleeps).
/// </summary>
public sealed class CarbonVoiceResilienceTests : RateLimitTestsBase
{
    private static readonly Uri Signed = new("https://files.test/a1/notes.txt?X-Amz-Signature=sig-0123456789");

    [Fact]
    public async Task A_transient_fault_is_retried_after_its_retry_after()
    {
        _mock.When(HttpMethod.Get, TestClients.Url(Path)).Respond(Responses.Sequence(() => Unavailable(5), () => Ok()));
        var client = Client();

        await _time.AdvanceUntilCompletedAsync(client.Workspaces.GetAsync("w1"));

        Assert.Equal(2, Sent);
        Assert.Equal(Start.AddSeconds(5), _time.GetUtcNow());
    }

    [Fact]
    public async Task A_retry_after_of_exactly_the_maximum_wait_is_waited_for()
    {
        _mock.When(HttpMethod.Get, TestClients.Url(Path)).Respond(Responses.Sequence(() => Unavailable(60), () => Ok()));
        var client = Client(o => o.RateLimit.MaxWait = TimeSpan.FromSeconds(60));

        await _time.AdvanceUntilCompletedAsync(client.Workspaces.GetAsync("w1"));

        Assert.Equal(2, Sent);
        Assert.Equal(Start.AddSeconds(60), _time.GetUtcNow());
    }

    [Fact]
    public async Task A_retry_after_beyond_the_maximum_wait_surfaces_at_once_even_within_the_budget()
    {
        _mock.When(HttpMethod.Get, TestClients.Url(Path)).Respond(Responses.Sequence(() => Unavailable(1200), () => Ok()));
        var client = Client(o => o.RateLimit.MaxWait = TimeSpan.FromMinutes(10));

        var error = await Assert.ThrowsAsync<CarbonVoiceServerException>(() => TimeDriver.WithoutAdvancingAsync(client.Workspaces.GetAsync("w1")));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Equal(1, Sent);
    }

    [Fact]
    public async Task A_retry_after_taking_the_whole_budget_surfaces_at_once()
    {
        _mock.When(HttpMethod.Get, TestClients.Url(Path)).Respond(Responses.Sequence(() => Unavailable(20), () => Ok()));
        var client = Client(o => (o.Timeout, o.AttemptTimeout) = (TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(20)));

        var error = await Assert.ThrowsAsync<CarbonVoiceServerException>(() => TimeDriver.WithoutAdvancingAsync(client.Workspaces.GetAsync("w1")));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Equal(1, Sent);
    }

    [Fact]
    public async Task A_retry_after_is_weighed_against_the_budget_left_not_the_whole_timeout()
    {
        // 2 s are gone after the first retry: 18 s are left, so a Retry-After of 19 s surfaces the 503 at once (time does
        // not move again) instead of being waited for until the budget ends the call.
        _mock.When(HttpMethod.Get, TestClients.Url(Path)).Respond(Responses.Sequence(() => Unavailable(2), () => Unavailable(19), () => Ok()));
        var client = Client(o => (o.Timeout, o.AttemptTimeout) = (TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(20)));

        var call = client.Workspaces.GetAsync("w1");
        await AfterTheFirstRetryAsync(call, TimeSpan.FromSeconds(2), () => Sent);

        await TimeDriver.EnsureCompletedAsync(call);
        await Assert.ThrowsAsync<CarbonVoiceServerException>(() => call);
        Assert.Equal(2, Sent);
    }

    [Fact]
    public async Task A_downloads_retry_after_is_weighed_against_its_budget_left_too()
    {
        var route = _mock.When(HttpMethod.Get, "https://files.test/a1/notes.txt").Respond(Responses.Sequence(
            () => Unavailable(2),
            () => Unavailable(19),
            () => Responses.Create(HttpStatusCode.OK, "file", "text/plain", [])));
        var client = Client(o => (o.Timeout, o.AttemptTimeout) = (TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(20)));

        var call = client.Attachments.DownloadAsync(CarbonVoiceModelFactory.AttachmentDownloadUrl("a1", Signed), 100);
        await AfterTheFirstRetryAsync(call, TimeSpan.FromSeconds(2), () => _mock.GetMatchCount(route));

        await TimeDriver.EnsureCompletedAsync(call);
        await Assert.ThrowsAsync<CarbonVoiceServerException>(() => call);
        Assert.Equal(2, _mock.GetMatchCount(route));
    }

    [Fact]
    public async Task Retry_delays_are_jittered_so_calls_that_failed_together_do_not_retry_together()
    {
        var answers = 0;
        _mock.When(HttpMethod.Get, TestClients.Url(Path)).Respond(_ => Interlocked.Increment(ref answers) % 2 == 1
            ? Responses.Json(HttpStatusCode.ServiceUnavailable, """{"success":false,"errmsg":"busy"}""")
            : Ok());
        var client = Client(o => o.RetryBaseDelay = TimeSpan.FromSeconds(10));

        var delays = new List<TimeSpan>();
        for (var i = 0; i < 3; i++)
        {
            var before = _time.GetUtcNow();
            await _time.AdvanceUntilCompletedAsync(client.Workspaces.GetAsync("w1"));
            delays.Add(_time.GetUtcNow() - before);
        }

        Assert.Equal(6, Sent);
        Assert.All(delays, delay => Assert.True(delay > TimeSpan.Zero));
        Assert.True(delays.Distinct().Count() > 1, $"the delays were {string.Join(", ", delays)}");
    }

    [Fact]
    public void The_pipeline_builder_and_options_are_required()
    {
        Assert.Equal("builder", Assert.Throws<ArgumentNullException>(() => CarbonVoiceResilience.ConfigureDefaultPipeline(null!, new CarbonVoiceOptions())).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentNullException>(() => CarbonVoiceResilience.ConfigureDefaultPipeline(new ResiliencePipelineBuilder<HttpResponseMessage>(), null!)).ParamName);
    }

    [Fact]
    public void The_retry_predicate_requires_a_context()
        => Assert.Equal("context", Assert.Throws<ArgumentNullException>(() => CarbonVoiceResilience.IsRetryable(Outcome.FromResult(new HttpResponseMessage(HttpStatusCode.BadGateway)), null!)).ParamName);

    [Theory]
    [InlineData(HttpStatusCode.RequestTimeout, true)]
    [InlineData(HttpStatusCode.InternalServerError, true)]
    [InlineData(HttpStatusCode.BadGateway, true)]
    [InlineData(HttpStatusCode.ServiceUnavailable, true)]
    [InlineData(HttpStatusCode.GatewayTimeout, true)]
    [InlineData(HttpStatusCode.TooManyRequests, false)]
    [InlineData(HttpStatusCode.NotImplemented, false)]
    public void Only_transient_statuses_of_an_idempotent_request_are_retried(HttpStatusCode status, bool expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, TestClients.Url(Path));
        var context = ResilienceContextPool.Shared.Get();
        try
        {
            context.SetRequestMessage(request);
            using var response = new HttpResponseMessage(status);

            Assert.Equal(expected, CarbonVoiceResilience.IsRetryable(Outcome.FromResult(response), context));

            using var post = new HttpRequestMessage(HttpMethod.Post, TestClients.Url(Path));
            context.SetRequestMessage(post);
            Assert.False(CarbonVoiceResilience.IsRetryable(Outcome.FromResult(response), context));
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>
    /// Lets the call wait out its first Retry-After and sends the retry. Time is not moved again: the budget's timers are
    /// armed, and a driver jumping to them while the retry's answer is still being read would cut the call short.
    /// </summary>
    private async Task AfterTheFirstRetryAsync(Task call, TimeSpan retryAfter, Func<int> sent)
    {
        await _time.WaitUntilBlockedOnTimerAsync(call, retryAfter);
        _time.Advance(retryAfter);
        await TimeDriver.YieldUntilAsync(() => sent() == 2 || call.IsCompleted, "the retry to be sent");
    }

    private static HttpResponseMessage Unavailable(int retryAfterSeconds)
    {
        var response = Responses.Json(HttpStatusCode.ServiceUnavailable, """{"success":false,"errmsg":"maintenance"}""");
        response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(retryAfterSeconds));
        return response;
    }
}
