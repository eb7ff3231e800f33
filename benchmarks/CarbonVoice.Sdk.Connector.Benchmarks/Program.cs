using System.Globalization;
using BenchmarkDotNet.Running;
using CarbonVoice.Sdk.Connector.Benchmarks.Chunking;
using CarbonVoice.Sdk.Connector.Benchmarks.Pipeline;

// --pipeline [--messages 10000,100000] [--in-process] : sync + ingestion of exactly that many messages, each size in a fresh
//                                         process; the emulator runs in a process of its own unless --in-process; prints the table
// --measure [--messages 10000] [--sync-only] [--in-process] : one such run, measured in this process
// --serve-emulator --messages N           : (internal) the emulator process of a run
// anything else                           : BenchmarkDotNet (e.g. --filter '*' --job Dry --inProcess)
if (args.Contains("--pipeline"))
{
    return await PipelineRun.RunAllAsync(Sizes("--messages", [10_000, 100_000]), args.Contains("--in-process"));
}

if (args.Contains("--measure"))
{
    return await PipelineRun.RunOneAsync(Sizes("--messages", [10_000])[0], ingest: !args.Contains("--sync-only"), inProcessEmulator: args.Contains("--in-process"));
}

if (args.Contains("--serve-emulator"))
{
    return await PipelineEmulator.ServeAsync(Sizes("--messages", [10_000])[0]);
}

BenchmarkSwitcher.FromAssembly(typeof(ChunkingBenchmarks).Assembly).Run(args);
return 0;

List<int> Sizes(string name, List<int> fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList() : fallback;
}
