using System.Diagnostics;
using System.Globalization;

namespace CarbonVoice.Sdk.Benchmarks;

/// <summary>
/// The clients of <see cref="MessagePageBenchmarks"/> timed A/B interleaved: each round runs every client once, in a
/// rotating order, so a burst of load from elsewhere on a shared machine hits them all alike. Reports each client's median
/// time and allocation per call, and its ratios to the streaming raw client.
/// </summary>
internal static class InterleavedRun
{
    public static async Task<int> RunAsync(int rounds)
    {
        var benchmarks = new MessagePageBenchmarks();
        benchmarks.Setup();
        try
        {
            (string Name, Func<Task<int>> Call)[] clients =
            [
                ("SDK (DI pipeline)", benchmarks.Sdk),
                ("HttpClient + STJ, buffered", benchmarks.RawBuffered),
                ("HttpClient + STJ, GetFromJsonAsync", benchmarks.RawStreaming),
                ("Refit 16.4.0", benchmarks.Refit),
            ];
            var times = clients.Select(_ => new List<double>()).ToArray();
            var bytes = clients.Select(_ => new List<long>()).ToArray();
            for (var round = -5; round < rounds; round++)
            {
                for (var i = 0; i < clients.Length; i++)
                {
                    var index = (i + Math.Max(0, round)) % clients.Length;
                    var before = GC.GetTotalAllocatedBytes(precise: true);
                    var watch = Stopwatch.StartNew();
                    await clients[index].Call().ConfigureAwait(false);
                    watch.Stop();
                    var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
                    if (round >= 0)
                    {
                        // The first five rounds warm up (JIT, pools) and are not counted.
                        times[index].Add(watch.Elapsed.TotalMilliseconds);
                        bytes[index].Add(allocated);
                    }
                }
            }

            const int baseline = 2;
            var baseTime = Median(times[baseline]);
            var baseBytes = Median(bytes[baseline].Select(b => (double)b).ToList());
            Console.WriteLine($"interleaved, {rounds} rounds (median per call; ratios to the streaming raw client)");
            Console.WriteLine("| client | time | time ratio | allocated | alloc ratio |");
            Console.WriteLine("|---|---:|---:|---:|---:|");
            for (var i = 0; i < clients.Length; i++)
            {
                var time = Median(times[i]);
                var allocated = Median(bytes[i].Select(b => (double)b).ToList());
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {clients[i].Name} | {time:F2} ms | {time / baseTime:F2} | {allocated / 1024:F0} KB | {allocated / baseBytes:F2} |"));
            }

            return 0;
        }
        finally
        {
            benchmarks.Cleanup();
        }
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values.Count % 2 == 1 ? values[values.Count / 2] : (values[(values.Count / 2) - 1] + values[values.Count / 2]) / 2;
    }
}
