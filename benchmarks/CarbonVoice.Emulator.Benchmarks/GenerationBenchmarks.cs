using BenchmarkDotNet.Attributes;
using CarbonVoice.Sdk.Testing;

namespace CarbonVoice.Emulator.Benchmarks;

/// <summary>Generating 100,000 messages (time and allocations).</summary>
[MemoryDiagnoser]
public class GenerationBenchmarks
{
    [Benchmark]
    public int Generate100kMessages()
    {
        var emulator = new CarbonVoiceEmulator(Scenarios.HundredThousandMessages());
        return emulator.Data.MessageCount;
    }
}
