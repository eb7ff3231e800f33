using BenchmarkDotNet.Running;
using CarbonVoice.Sdk.Benchmarks;

// Usage:
//   dotnet run -c Release --project benchmarks/CarbonVoice.Sdk.Benchmarks -- --filter '*' [--job short|Dry] [--inProcess]
//   dotnet run -c Release --project benchmarks/CarbonVoice.Sdk.Benchmarks -- --capture <directory>   (rewrites the replayed body)
//   dotnet run -c Release --project benchmarks/CarbonVoice.Sdk.Benchmarks -- --rate-limit [--calls 1500] [--concurrency 8] [--limit 100]
//   dotnet run -c Release --project benchmarks/CarbonVoice.Sdk.Benchmarks -- --interleaved [--rounds 200]   (A/B interleaved medians)
if (args is ["--capture", var directory])
{
    return await Capture.RunAsync(directory);
}

if (args.Contains("--interleaved"))
{
    return await InterleavedRun.RunAsync(Argument("--rounds", 200));
}

if (args.Contains("--rate-limit"))
{
    return await RateLimitRun.RunAsync(Argument("--calls", 1500), Argument("--concurrency", 8), Argument("--limit", 100));
}

var summaries = BenchmarkSwitcher.FromAssembly(typeof(MessagePage).Assembly).Run(args);

// A benchmark that threw (or a filter that matched nothing) fails the run, so CI's dry run catches a broken benchmark.
return summaries.Any() && summaries.All(s => !s.HasCriticalValidationErrors && s.Reports.Length > 0 && s.Reports.All(r => r.Success)) ? 0 : 1;

int Argument(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], System.Globalization.CultureInfo.InvariantCulture) : fallback;
}
