using System.Net;
using CarbonVoice.Sdk.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using RichardSzalay.MockHttp;

namespace CarbonVoice.Sdk.Tests.Core;

/// <summary>
/// The resilience pipeline's per-attempt events log at Debug (the SDK's own line per call stays), while retries stay
/// visible at Warning; only the SDK's pipeline is changed, not the host's logging configuration.
/// </summary>
public sealed class ResilienceLoggingTests
{
    private const string Path = "v5/workspaces/w1";

    [Fact]
    public async Task A_successful_request_logs_no_information_line_from_polly()
    {
        using var mock = new MockHttpMessageHandler();
        mock.When(TestClients.Url(Path)).Respond(Json.MediaType, """{"id":"w1"}""");
        await using var provider = Services(mock);

        for (var i = 0; i < 3; i++)
        {
            await Client(provider).Workspaces.GetAsync("w1");
        }

        var logs = provider.GetFakeLogCollector().GetSnapshot();
        var polly = logs.Where(IsPolly).ToList();
        Assert.NotEmpty(polly); // the pipeline's telemetry is on and reaches the host's loggers…
        Assert.All(polly, record => Assert.True(record.Level < LogLevel.Information, $"{record.Level}: {record.Message}")); // …at Debug
        Assert.Contains(polly, record => record.Message.StartsWith("Execution attempt", StringComparison.Ordinal) && record.Level == LogLevel.Debug);
        Assert.Equal(3, logs.Count(record => record.Category == "CarbonVoice.Sdk.Internal.TelemetryHandler" && record.Message.Contains("answered 200", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_retried_request_is_still_visible_at_warning()
    {
        using var mock = new MockHttpMessageHandler();
        mock.When(TestClients.Url(Path)).Respond(Responses.Sequence(
            () => Responses.Json(HttpStatusCode.ServiceUnavailable, """{"success":false,"errmsg":"busy"}"""),
            () => Responses.Json(HttpStatusCode.OK, """{"id":"w1"}""")));
        await using var provider = Services(mock);

        await Client(provider).Workspaces.GetAsync("w1");

        var polly = provider.GetFakeLogCollector().GetSnapshot().Where(IsPolly).ToList();
        Assert.Contains(polly, record => record.Level == LogLevel.Warning && record.Message.Contains("OnRetry", StringComparison.Ordinal));
        Assert.Contains(polly, record => record.Level == LogLevel.Warning && record.Message.StartsWith("Execution attempt", StringComparison.Ordinal) && record.Message.Contains("'503'", StringComparison.Ordinal));
        Assert.Contains(polly, record => record.Level == LogLevel.Debug && record.Message.StartsWith("Execution attempt", StringComparison.Ordinal) && record.Message.Contains("'200'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_host_logging_configuration_is_not_changed_for_other_pipelines()
    {
        using var mock = new MockHttpMessageHandler();
        mock.When("https://other.test/ping").Respond(Json.MediaType, "{}");
        await using var provider = Services(mock, services => services.AddHttpClient("other")
            .ConfigurePrimaryHttpMessageHandler(() => mock)
            .AddStandardResilienceHandler());

        using var other = provider.GetRequiredService<IHttpClientFactory>().CreateClient("other");
        using var response = await other.GetAsync(new Uri("https://other.test/ping"));

        // The host's own pipeline keeps Polly's default: its attempt is logged at Information.
        Assert.Contains(provider.GetFakeLogCollector().GetSnapshot(), record => IsPolly(record) && record.Level == LogLevel.Information);
    }

    [Fact]
    public async Task Without_dependency_injection_retries_log_at_warning_and_successes_at_debug()
    {
        using var mock = new MockHttpMessageHandler();
        mock.When(TestClients.Url(Path)).Respond(Responses.Sequence(
            () => Responses.Json(HttpStatusCode.BadGateway, """{"success":false,"errmsg":"gateway"}"""),
            () => Responses.Json(HttpStatusCode.OK, """{"id":"w1"}""")));
        using var logs = new FakeLoggerProvider();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        using var client = new CarbonVoiceClient(TestClients.Options(), new StaticAccessTokenProvider(TestClients.AccessToken), mock, loggerFactory: loggers);

        await client.Workspaces.GetAsync("w1");

        var polly = logs.Collector.GetSnapshot().Where(IsPolly).ToList();
        Assert.Contains(polly, record => record.Level == LogLevel.Warning && record.Message.Contains("OnRetry", StringComparison.Ordinal));
        Assert.Contains(polly, record => record.Level == LogLevel.Debug && record.Message.StartsWith("Execution attempt", StringComparison.Ordinal) && record.Message.Contains("'200'", StringComparison.Ordinal));
        Assert.DoesNotContain(polly, record => record.Level == LogLevel.Information);
    }

    private static bool IsPolly(FakeLogRecord record) => record.Category == "Polly";

    private static ICarbonVoiceClient Client(IServiceProvider provider) => provider.GetRequiredService<ICarbonVoiceClientFactory>().CreateClient("c1");

    private static ServiceProvider Services(MockHttpMessageHandler mock, Action<IServiceCollection>? more = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddFakeLogging().SetMinimumLevel(LogLevel.Trace));
        services.AddCarbonVoice(o =>
        {
            o.BaseAddress = new Uri(TestClients.BaseUrl);
            o.AuthenticationMode = CarbonVoiceAuthenticationMode.ApiKey;
            o.ApiKey = "key-1";
            o.RetryBaseDelay = TimeSpan.Zero;
        }).ConfigurePrimaryHandler(_ => mock);
        more?.Invoke(services);
        return services.BuildServiceProvider();
    }
}
