using System.Globalization;
using BenchmarkDotNet.Running;
using CarbonVoice.Sdk.Connector.Benchmarks.Chunking;
using CarbonVoice.Sdk.Connector.Benchmarks.Pipeline;

// --pipeline [--messages 10000,100000] : sync + ingestion of exactly that many messages, each size in a fresh process; prints the table
// --measure [--messages 10000] [--sync-only] : one such run in this process
// anything else                           : BenchmarkDotNet (e.g. --filter '*' --job Dry --inProcess)
if (args.Contains("--pipeline"))
{
    return await PipelineRun.RunAllAsync(Sizes("--messages", [10_000, 100_000]));
}

if (args.Contains("--measure"))
{
    return await PipelineRun.RunOneAsync(Sizes("--messages", [10_000])[0], ingest: !args.Contains("--sync-only"));
}

BenchmarkSwitcher.FromAssembly(typeof(ChunkingBenchmarks).Assembly).Run(args);
return 0;

List<int> Sizes(string name, List<int> fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList() : fallback;
}
