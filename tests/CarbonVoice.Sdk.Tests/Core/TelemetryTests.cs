using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using CarbonVoice.Sdk.Tests.Support;
using RichardSzalay.MockHttp;

namespace CarbonVoice.Sdk.Tests.Core;

/// <summary>The activity source and meter are process-wide: these tests run alone so that other tests' spans and measurements do not mix in.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    public const string Name = "Telemetry (not parallel)";
}

[Collection(TelemetryCollection.Name)]
public sealed class TelemetryTests : IDisposable
{
    private const string Host = "telemetry.test.carbonvoice";
    private const string BaseUrl = "https://" + Host + "/";
    private readonly MockHttpMessageHandler _mock = new();
    private readonly ConcurrentQueue<Activity> _activities = new();
    private readonly ConcurrentQueue<Measurement> _measurements = new();
    private readonly ActivityListener _activityListener;
    private readonly MeterListener _meterListener;

    public TelemetryTests()
    {
        _activityListener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == CarbonVoiceTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (Equals(activity.GetTagItem("server.address"), Host))
                {
                    _activities.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(_activityListener);
        _meterListener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == CarbonVoiceTelemetry.Name)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _meterListener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => _measurements.Enqueue(new Measurement(instrument.Name, value, tags.ToArray())));
        _meterListener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => _measurements.Enqueue(new Measurement(instrument.Name, value, tags.ToArray())));
        _meterListener.Start();
    }

    public void Dispose()
    {
        _activityListener.Dispose();
        _meterListener.Dispose();
        _mock.Dispose();
    }

    [Fact]
    public void The_source_and_meter_are_named_CarbonVoice_Sdk()
    {
        Assert.Equal("CarbonVoice.Sdk", CarbonVoiceTelemetry.ActivitySource.Name);
        Assert.Equal("CarbonVoice.Sdk", CarbonVoiceTelemetry.Meter.Name);
    }

    [Fact]
    public async Task Each_call_gets_a_client_span_with_endpoint_status_and_request_id()
    {
        _mock.When(HttpMethod.Get, BaseUrl + "v5/workspaces/w1").Respond(_ => Responses.Json(HttpStatusCode.OK, """{"id":"w1"}""", ("x-request-id", "req-77")));
        using var client = Client();

        await client.Workspaces.GetAsync("w1");
        await client.Workspaces.GetAsync("w1");

        Assert.Equal(2, _activities.Count);
        var span = _activities.First();
        Assert.Equal(ActivityKind.Client, span.Kind);
        Assert.Equal("CarbonVoice GET /v5/workspaces/{id}", span.DisplayName);
        Assert.Equal("GET /v5/workspaces/{id}", span.GetTagItem("url.template"));
        Assert.Equal("GET", span.GetTagItem("http.request.method"));
        Assert.Equal(200, span.GetTagItem("http.response.status_code"));
        Assert.Equal("req-77", span.GetTagItem("carbonvoice.request_id"));
        Assert.NotEqual(ActivityStatusCode.Error, span.Status);
    }

    [Fact]
    public async Task A_failed_call_marks_its_span_as_an_error()
    {
        _mock.When(HttpMethod.Get, BaseUrl + "v5/workspaces/w1").Respond(HttpStatusCode.NotFound, Json.MediaType, """{"success":false,"errmsg":"no"}""");
        using var client = Client();

        await Assert.ThrowsAsync<CarbonVoiceNotFoundException>(() => client.Workspaces.GetAsync("w1"));

        var span = Assert.Single(_activities);
        Assert.Equal(404, span.GetTagItem("http.response.status_code"));
        Assert.Equal(ActivityStatusCode.Error, span.Status);
    }

    [Fact]
    public async Task A_transport_failure_records_the_error_type()
    {
        _mock.When(HttpMethod.Get, BaseUrl + "v5/workspaces/w1").Throw(new HttpRequestException("refused"));
        using var client = Client(o => o.MaxRetryAttempts = 0);

        await Assert.ThrowsAsync<CarbonVoiceTransportException>(() => client.Workspaces.GetAsync("w1"));

        var span = Assert.Single(_activities);
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal(typeof(HttpRequestException).FullName, span.GetTagItem("error.type"));
    }

    [Fact]
    public async Task Request_duration_is_recorded_with_the_endpoint_and_status()
    {
        _mock.When(HttpMethod.Get, BaseUrl + "v5/workspaces/w1").Respond(Json.MediaType, """{"id":"w1"}""");
        using var client = Client();

        await client.Workspaces.GetAsync("w1");

        var duration = Assert.Single(_measurements, m => m.Name == "carbonvoice.client.request.duration" && Equals(m.Tag("url.template"), "GET /v5/workspaces/{id}"));
        Assert.Equal(200, duration.Tag("http.response.status_code"));
        Assert.True(duration.Value >= 0);
    }

    [Fact]
    public async Task Retries_are_counted()
    {
        _mock.When(HttpMethod.Get, BaseUrl + "v5/workspaces/w1").Respond(Responses.Sequence(
            () => Responses.Json(HttpStatusCode.ServiceUnavailable, """{"success":false,"errmsg":"busy"}"""),
            () => Responses.Json(HttpStatusCode.OK, """{"id":"w1"}""")));
        using var client = Client();

        await client.Workspaces.GetAsync("w1");

        Assert.Equal(1, _measurements.Where(m => m.Name == "carbonvoice.client.retries").Sum(m => m.Value));
    }

    [Fact]
    public async Task Token_refreshes_are_counted()
    {
        using var h = new TokenHarness();
        await h.StoreTokenAsync("at-old", "rt-1", TimeSpan.FromMinutes(-1));
        h.TokenEndpointAnswers(TokenJson.Token("at-new", "rt-2"));
        h.ApiAnswersOk();

        await h.Client.Workspaces.GetAsync("w1");
        await h.Client.Workspaces.GetAsync("w1");

        Assert.Equal(1, _measurements.Where(m => m.Name == "carbonvoice.client.token.refreshes").Sum(m => m.Value));
    }

    [Fact]
    public async Task Rate_limit_waits_are_counted()
    {
        _mock.When(HttpMethod.Get, BaseUrl + "v5/workspaces/w1").Respond(Responses.Sequence(
            () => Responses.RateLimited(TimeSpan.Zero),
            () => Responses.Json(HttpStatusCode.OK, """{"id":"w1"}""")));
        using var client = Client();

        await client.Workspaces.GetAsync("w1");

        Assert.Equal(1, _measurements.Where(m => m.Name == "carbonvoice.client.rate_limit.waits").Sum(m => m.Value));
    }

    [Fact]
    public async Task A_transport_failure_records_its_duration_with_the_error_type()
    {
        _mock.When(HttpMethod.Get, BaseUrl + "v5/workspaces/w1").Throw(new HttpRequestException("refused"));
        using var client = Client(o => o.MaxRetryAttempts = 0);

        await Assert.ThrowsAsync<CarbonVoiceTransportException>(() => client.Workspaces.GetAsync("w1"));

        var duration = Assert.Single(_measurements, m => m.Name == "carbonvoice.client.request.duration");
        Assert.Equal("GET /v5/workspaces/{id}", duration.Tag("url.template"));
        Assert.Equal(nameof(HttpRequestException), duration.Tag("error.type"));
        Assert.Null(duration.Tag("http.response.status_code"));
    }

    [Fact]
    public async Task A_cancellation_the_caller_did_not_ask_for_is_recorded_as_a_failure()
    {
        _mock.When(HttpMethod.Get, BaseUrl + "v5/workspaces/w1").Throw(new TaskCanceledException("timed out somewhere below"));
        using var client = Client(o => o.MaxRetryAttempts = 0);

        await Assert.ThrowsAsync<CarbonVoiceTransportException>(() => client.Workspaces.GetAsync("w1"));

        var span = Assert.Single(_activities);
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal(typeof(TaskCanceledException).FullName, span.GetTagItem("error.type"));
        var duration = Assert.Single(_measurements, m => m.Name == "carbonvoice.client.request.duration");
        Assert.Equal(nameof(TaskCanceledException), duration.Tag("error.type"));
    }

    [Fact]
    public async Task A_call_the_caller_cancelled_is_no_failure_of_the_service()
    {
        var sent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _mock.When(HttpMethod.Get, BaseUrl + "v5/workspaces/w1").Respond(new HangingTransport(sent));
        using var client = Client();
        using var cts = new CancellationTokenSource();

        var call = client.Workspaces.GetAsync("w1", cts.Token);
        await sent.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(30)));
        var span = Assert.Single(_activities);
        Assert.NotEqual(ActivityStatusCode.Error, span.Status);
        Assert.Null(span.GetTagItem("error.type"));
        Assert.DoesNotContain(_measurements, m => m.Name == "carbonvoice.client.request.duration");
    }

    [Fact]
    public async Task Rate_limit_wait_durations_are_recorded()
    {
        var time = new TrackingTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        _mock.When(HttpMethod.Get, BaseUrl + "v5/workspaces/w1").Respond(Responses.Sequence(
            () => Responses.RateLimited(TimeSpan.FromSeconds(3)),
            () => Responses.Json(HttpStatusCode.OK, """{"id":"w1"}""")));
        using var client = new CarbonVoiceClient(
            TestClients.Options(o => (o.BaseAddress, o.Timeout, o.AttemptTimeout) = (new Uri(BaseUrl), TimeSpan.FromHours(1), TimeSpan.FromHours(1))),
            new StaticAccessTokenProvider(TestClients.AccessToken),
            _mock,
            timeProvider: time);

        await time.AdvanceUntilCompletedAsync(client.Workspaces.GetAsync("w1"));

        var wait = Assert.Single(_measurements, m => m.Name == "carbonvoice.client.rate_limit.wait.duration");
        Assert.Equal(3, wait.Value);
    }

    private CarbonVoiceClient Client(Action<CarbonVoiceOptions>? configure = null)
        => new(
            TestClients.Options(o =>
            {
                o.BaseAddress = new Uri(BaseUrl);
                configure?.Invoke(o);
            }),
            new StaticAccessTokenProvider(TestClients.AccessToken),
            _mock);

    /// <summary>Never answers: says when the request arrived and waits for its cancellation.</summary>
    private sealed class HangingTransport(TaskCompletionSource sent) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            sent.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        }
    }

    private sealed record Measurement(string Name, double Value, KeyValuePair<string, object?>[] Tags)
    {
        public object? Tag(string name) => Tags.FirstOrDefault(t => t.Key == name).Value;
    }
}
