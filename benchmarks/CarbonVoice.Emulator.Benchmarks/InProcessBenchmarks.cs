using BenchmarkDotNet.Attributes;
using CarbonVoice.Sdk.Testing;

namespace CarbonVoice.Emulator.Benchmarks;

/// <summary>One simple request through HttpClient over the in-process handler.</summary>
[MemoryDiagnoser]
public class InProcessBenchmarks
{
    private CarbonVoiceEmulator _emulator = null!;
    private HttpClient _client = null!;

    [GlobalSetup]
    public void Setup()
    {
        _emulator = Scenarios.CreateForThroughput();
        _client = Scenarios.Client(_emulator);
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        _client.Dispose();
        await _emulator.DisposeAsync();
    }

    [Benchmark]
    public async Task<int> Whoami()
    {
        using var response = await _client.GetAsync("/whoami");
        return (await response.Content.ReadAsByteArrayAsync()).Length;
    }

    [Benchmark]
    public async Task<int> Workspaces()
    {
        using var response = await _client.GetAsync("/v5/workspaces?limit=20");
        return (await response.Content.ReadAsByteArrayAsync()).Length;
    }
}
