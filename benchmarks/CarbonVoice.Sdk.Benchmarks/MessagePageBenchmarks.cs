using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using CarbonVoice.Sdk.Benchmarks.Baselines;
using Microsoft.Extensions.DependencyInjection;
using Refit;

namespace CarbonVoice.Sdk.Benchmarks;

/// <summary>
/// One page of 100 v6 messages, the same captured bytes replayed in memory: the SDK through its normal DI pipeline
/// (telemetry, rate limits, resilience, body buffering, authentication) against a hand-written <see cref="HttpClient"/>
/// with source-generated System.Text.Json (buffered, and streaming with <c>GetFromJsonAsync</c>) and a Refit client.
/// Ratios are to the streaming raw client.
/// </summary>
[MemoryDiagnoser]
public class MessagePageBenchmarks
{
    private static readonly Uri BaseAddress = new("http://carbonvoice.benchmark/");
    private static readonly Uri PageUri = new(MessagePage.Path, UriKind.Relative);
    private ServiceProvider? _services;
    private ICarbonVoiceClient _sdk = null!;
    private HttpClient _raw = null!;
    private IRefitMessages _refit = null!;

    [GlobalSetup]
    public void Setup()
    {
        var body = MessagePage.Load();
        var services = new ServiceCollection();
        services.AddCarbonVoice(o =>
            {
                o.BaseAddress = BaseAddress;
                o.AuthenticationMode = CarbonVoiceAuthenticationMode.PersonalAccessToken;
                o.PersonalAccessToken = "benchmark-token";
            })
            .ConfigurePrimaryHandler(_ => new ReplayHandler(body));
        _services = services.BuildServiceProvider();
        _sdk = _services.GetRequiredService<ICarbonVoiceClient>();

        _raw = new HttpClient(new ReplayHandler(body)) { BaseAddress = BaseAddress };
        _raw.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "benchmark-token");
        _raw.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var settings = new RefitSettings { ContentSerializer = new SystemTextJsonContentSerializer(RawJsonContext.Default.Options) };
        _refit = RestService.For<IRefitMessages>(_raw, settings);

        if (Sdk().GetAwaiter().GetResult() != MessagePage.Size || RawBuffered().GetAwaiter().GetResult() != MessagePage.Size
            || RawStreaming().GetAwaiter().GetResult() != MessagePage.Size || Refit().GetAwaiter().GetResult() != MessagePage.Size)
        {
            throw new InvalidOperationException("A client did not read the 100 messages of the page.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services?.Dispose();
        _raw.Dispose();
    }

    [Benchmark(Description = "SDK (DI pipeline)")]
    public async Task<int> Sdk()
    {
        await foreach (var page in _sdk.Messages.ListHistoryAsync(new MessageFeedOptions { PageSize = MessagePage.Size }).AsPages().ConfigureAwait(false))
        {
            return page.Items.Count;
        }

        return 0;
    }

    [Benchmark(Description = "HttpClient + STJ, buffered")]
    public async Task<int> RawBuffered()
    {
        var body = await _raw.GetByteArrayAsync(PageUri).ConfigureAwait(false);
        return JsonSerializer.Deserialize(body, RawJsonContext.Default.RawMessagePage)!.Data.Count;
    }

    [Benchmark(Baseline = true, Description = "HttpClient + STJ, GetFromJsonAsync")]
    public async Task<int> RawStreaming()
        => (await _raw.GetFromJsonAsync(PageUri, RawJsonContext.Default.RawMessagePage).ConfigureAwait(false))!.Data.Count;

    [Benchmark(Description = "Refit 16.4.0")]
    public async Task<int> Refit()
        => (await _refit.GetHistoryPageAsync(CancellationToken.None).ConfigureAwait(false)).Data.Count;
}
