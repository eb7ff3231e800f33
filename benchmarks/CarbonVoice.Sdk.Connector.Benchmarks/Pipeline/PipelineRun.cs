using System.Diagnostics;
using System.Globalization;
using CarbonVoice.Sdk.Connector.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace CarbonVoice.Sdk.Connector.Benchmarks.Pipeline;

/// <summary>
/// A full sync of the emulator (<see cref="PipelineEmulator"/>) into a fresh SQLite file, then the ingestion of every
/// record into chunks: each timed on its own; peak working set, managed heap and live heap sampled over the whole run.
/// </summary>
internal static class PipelineRun
{
    /// <summary>Runs each size in a fresh process (so peaks do not carry over) and prints the table.</summary>
    public static async Task<int> RunAllAsync(IReadOnlyList<int> sizes, bool inProcessEmulator)
    {
        var results = new List<PipelineResult>();
        foreach (var size in sizes)
        {
            string[] arguments = ["--measure", "--messages", size.ToString(CultureInfo.InvariantCulture), .. inProcessEmulator ? ["--in-process"] : Array.Empty<string>()];
            var start = new ProcessStartInfo(Environment.ProcessPath!, arguments) { RedirectStandardOutput = true };
            using var child = Process.Start(start)!;
            PipelineResult? result = null;
            while (await child.StandardOutput.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                Console.WriteLine(line);
                result ??= PipelineResult.TryParse(line);
            }

            await child.WaitForExitAsync().ConfigureAwait(false);
            if (result is null)
            {
                Console.Error.WriteLine($"The {size} message run printed no result (exit code {child.ExitCode}).");
                return 2;
            }

            results.Add(result);
        }

        Console.WriteLine();
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {RuntimeInfo()}");
        Console.WriteLine(PipelineResult.Header);
        foreach (var result in results)
        {
            Console.WriteLine(result.ToRow());
        }

        if (results.Count > 1)
        {
            var (small, large) = (results.MinBy(r => r.Messages)!, results.MaxBy(r => r.Messages)!);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak working set {large.Messages:N0} / {small.Messages:N0}: {(double)large.PeakWorkingSet / small.PeakWorkingSet:F2}x; managed heap: {(double)large.PeakManaged / small.PeakManaged:F2}x; live heap: {(double)large.PeakLive / small.PeakLive:F2}x"));
        }

        return results.All(r => r.Succeeded) ? 0 : 2;
    }

    /// <summary>One run of exactly <paramref name="messageCount"/> messages, measured in this process.</summary>
    public static async Task<int> RunOneAsync(int messageCount, bool ingest, bool inProcessEmulator)
    {
        if (PipelineEmulator.Validate(messageCount) is { } error)
        {
            Console.Error.WriteLine(error);
            return 1;
        }

        await using var emulator = await PipelineEmulator.StartAsync(messageCount, inProcessEmulator).ConfigureAwait(false);
        var clientOptions = new CarbonVoiceOptions { BaseAddress = emulator.BaseAddress, ClientId = "emulator-client", ClientSecret = "emulator-secret", RetryBaseDelay = TimeSpan.Zero };
        using var client = new CarbonVoiceClient(clientOptions, new StaticAccessTokenProvider(emulator.AccessToken), emulator.Handler);
        var path = Path.Combine(Path.GetTempPath(), $"cv-bench-{Guid.NewGuid():N}.db");
        var connection = $"Data Source={path}";
        try
        {
            using var raw = new SqliteRawDataStore(connection);
            using var state = new SqliteSyncStateStore(connection);
            using var chunks = new SqliteChunkStore(connection);
            var sync = new CarbonVoiceSyncService(raw, state, Options.Create(new SyncOptions { EnqueueIngestionAfterSync = false }));

            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            using var sampler = new PeakMemorySampler();
            var allocations = new AllocationMeter();
            var watch = Stopwatch.StartNew();
            var run = await sync.SyncAsync(client, new SyncRequest("bench", "bench")).ConfigureAwait(false);
            var syncSeconds = watch.Elapsed.TotalSeconds;
            var syncPeak = sampler.EndPhase();
            var stored = await raw.CountAsync("bench", "bench", CarbonVoiceEntities.Message).ConfigureAwait(false);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"sync: status={run.Status} messages={stored} (emulator {emulator.MessageCount}, {(inProcessEmulator ? "in this process" : "in its own process")}) time={syncSeconds:F1}s rate={stored / syncSeconds:F0} msg/s peak working set={PipelineResult.Mb(syncPeak)} MiB {allocations.Phase()}"));
            var succeeded = run.Status == SyncRunStatus.Succeeded && stored == messageCount;
            var chunkCount = 0;
            var ingestSeconds = 0.0;
            if (ingest)
            {
                var ingestion = new CarbonVoiceIngestionService(raw, chunks, state, new KeywordPillarMapper(Options.Create(new PillarMappingOptions())), TiktokenTokenCounter.Shared, Options.Create(new IngestionOptions()));
                watch.Restart();
                var ingestRun = await ingestion.IngestAsync("bench", "bench").ConfigureAwait(false);
                ingestSeconds = watch.Elapsed.TotalSeconds;
                chunkCount = (int)await chunks.CountAsync(new ChunkQuery("bench", "bench")).ConfigureAwait(false);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ingestion: status={ingestRun.Status} chunks={chunkCount} time={ingestSeconds:F1}s rate={stored / ingestSeconds:F0} msg/s, {chunkCount / ingestSeconds:F0} chunks/s peak working set={PipelineResult.Mb(sampler.EndPhase())} MiB {allocations.Phase()}"));
                succeeded &= ingestRun.Status == SyncRunStatus.Succeeded;
            }

            var result = new PipelineResult((int)stored, syncSeconds, chunkCount, ingestSeconds, sampler.PeakWorkingSetBytes, sampler.PeakManagedBytes, sampler.PeakLiveBytes, succeeded);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"memory over the whole run: peak working set={PipelineResult.Mb(result.PeakWorkingSet)} MiB, peak managed heap={PipelineResult.Mb(result.PeakManaged)} MiB, peak live heap={PipelineResult.Mb(result.PeakLive)} MiB, SQLite file={PipelineResult.Mb(new FileInfo(path).Length)} MiB"));
            Console.WriteLine(result.ToLine());
            return succeeded ? 0 : 2;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(path + suffix);
            }
        }
    }

    private static string RuntimeInfo() => System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription + ", " + System.Runtime.InteropServices.RuntimeInformation.OSDescription;
}
