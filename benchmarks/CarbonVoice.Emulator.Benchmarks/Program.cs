using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Running;
using CarbonVoice.Emulator.Benchmarks;
using CarbonVoice.Sdk.Testing;

// --memory      : managed memory held by 100,000 generated messages
// --throughput  : requests/s in-process (GET /whoami and GET /v5/workspaces), 2 workers per core, 5 s each
// anything else : BenchmarkDotNet (e.g. --filter '*' --job short)
if (args.Contains("--memory"))
{
    var before = GC.GetTotalMemory(forceFullCollection: true);
    var stopwatch = Stopwatch.StartNew();
    var emulator = new CarbonVoiceEmulator(Scenarios.HundredThousandMessages());
    var generated = stopwatch.Elapsed;
    var after = GC.GetTotalMemory(forceFullCollection: true);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"messages: {emulator.Data.MessageCount:N0}; generated in {generated.TotalMilliseconds:F0} ms; managed heap held: {(after - before) / 1048576.0:F1} MB; process working set: {Environment.WorkingSet / 1048576.0:F1} MB"));
    GC.KeepAlive(emulator);
    return;
}

if (args.Contains("--throughput"))
{
    var seconds = 5;
    await using var emulator = Scenarios.CreateForThroughput();
    foreach (var path in new[] { "/whoami", "/v5/workspaces?limit=20" })
    {
        using var client = Scenarios.Client(emulator);
        for (var i = 0; i < 2000; i++)
        {
            using var warm = await client.GetAsync(path);
        }

        var workers = Environment.ProcessorCount * 2;
        long count = 0;
        var stopwatch = Stopwatch.StartNew();
        var deadline = TimeSpan.FromSeconds(seconds);
        await Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
        {
            long local = 0;
            while (stopwatch.Elapsed < deadline)
            {
                using var response = await client.GetAsync(path);
                _ = await response.Content.ReadAsByteArrayAsync();
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"{path} answered {(int)response.StatusCode}");
                }

                local++;
            }

            Interlocked.Add(ref count, local);
        })));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"GET {path}: {count / stopwatch.Elapsed.TotalSeconds:N0} requests/s ({count:N0} in {stopwatch.Elapsed.TotalSeconds:F1} s, {workers} workers, {Environment.ProcessorCount} cores)"));
    }

    return;
}

BenchmarkSwitcher.FromAssembly(typeof(InProcessBenchmarks).Assembly).Run(args);
