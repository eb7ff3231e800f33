using System.Net;
using RichardSzalay.MockHttp;

namespace CarbonVoice.Sdk.Tests.Support;

/// <summary>
/// The set-up the rate-limit tests share: one workspace route on a mock (behind a recorder), a fake clock that tracks
/// its timers, and a client whose budgets are generous enough that advancing fake time trips no timeout unless a test
/// sets one.
/// </summary>
public abstract class RateLimitTestsBase : IDisposable
{
    private protected const string Path = "v5/workspaces/w1";
    private protected static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private protected readonly MockHttpMessageHandler _mock = new();
    private protected readonly RecordingHandler _recorder;
    private protected readonly TrackingTimeProvider _time = new(Start);
    private CarbonVoiceClient? _client;

    private protected RateLimitTestsBase() => _recorder = new RecordingHandler(_mock);

    /// <summary>How many GETs of <see cref="Path"/> reached the transport.</summary>
    private protected int Sent => _recorder.Count(HttpMethod.Get, Path);

    public void Dispose()
    {
        _client?.Dispose();
        _recorder.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>A workspace answer carrying the given headers.</summary>
    private protected static HttpResponseMessage Ok(params (string Name, string Value)[] headers)
        => Responses.Json(HttpStatusCode.OK, """{"id":"w1","name":"Acme"}""", headers);

    /// <summary>The client under test (disposed with the test): 1-hour budgets, a 10-minute longest rate-limit wait.</summary>
    private protected CarbonVoiceClient Client(Action<CarbonVoiceOptions>? configure = null)
    {
        _client = new CarbonVoiceClient(
            TestClients.Options(o =>
            {
                o.Timeout = TimeSpan.FromHours(1);
                o.AttemptTimeout = TimeSpan.FromHours(1);
                o.RateLimit.MaxWait = TimeSpan.FromMinutes(10);
                configure?.Invoke(o);
            }),
            new StaticAccessTokenProvider(TestClients.AccessToken),
            _recorder,
            timeProvider: _time);
        return _client;
    }
}
