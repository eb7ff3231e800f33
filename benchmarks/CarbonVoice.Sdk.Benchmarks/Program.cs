using BenchmarkDotNet.Running;
using CarbonVoice.Sdk.Benchmarks;

// Usage:
//   dotnet run -c Release --project benchmarks/CarbonVoice.Sdk.Benchmarks -- --filter '*' [--job short|Dry] [--inProcess]
//   dotnet run -c Release --project benchmarks/CarbonVoice.Sdk.Benchmarks -- --capture <directory>   (rewrites the replayed body)
if (args is ["--capture", var directory])
{
    return await Capture.RunAsync(directory);
}

var summaries = BenchmarkSwitcher.FromAssembly(typeof(MessagePage).Assembly).Run(args);

// A benchmark that threw (or a filter that matched nothing) fails the run, so CI's dry run catches a broken benchmark.
return summaries.Any() && summaries.All(s => !s.HasCriticalValidationErrors && s.Reports.Length > 0 && s.Reports.All(r => r.Success)) ? 0 : 1;
