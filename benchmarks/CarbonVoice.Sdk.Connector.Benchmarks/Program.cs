using System.Diagnostics;
using System.Globalization;
using CarbonVoice.Sdk;
using CarbonVoice.Sdk.Connector;
using CarbonVoice.Sdk.Connector.Benchmarks;
using CarbonVoice.Sdk.Connector.Sqlite;
using CarbonVoice.Sdk.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

// Usage: dotnet run -c Release --project benchmarks/CarbonVoice.Sdk.Connector.Benchmarks -- --measure [--messages 10000] [--ingest]
// Measures a full sync of an in-process emulator into a fresh SQLite file: wall time and peak memory.
if (!args.Contains("--measure"))
{
    Console.WriteLine("dotnet run -c Release --project benchmarks/CarbonVoice.Sdk.Connector.Benchmarks -- --measure [--messages 10000] [--ingest]");
    return 1;
}

var messageCount = Argument("--messages", 10_000);
var ingest = args.Contains("--ingest");
const int conversations = 50;
var options = new EmulatorOptions { Seed = 11, Workspaces = 1, ConversationsPerWorkspace = conversations, MessagesPerConversation = messageCount / conversations, Users = 4 };
options.RateLimit.Enabled = false;
await using var emulator = new CarbonVoiceEmulator(options);
var user = emulator.Data.Users.OrderByDescending(u => emulator.Data.WorkspacesOf(u.Id).Count).First();
var clientOptions = new CarbonVoiceOptions { BaseAddress = emulator.BaseAddress, ClientId = "emulator-client", ClientSecret = "emulator-secret", RetryBaseDelay = TimeSpan.Zero };
using var client = new CarbonVoiceClient(clientOptions, new StaticAccessTokenProvider(emulator.IssueTokens(user.Id).AccessToken), emulator.CreateHandler());
var path = Path.Combine(Path.GetTempPath(), $"cv-bench-{Guid.NewGuid():N}.db");
var connection = $"Data Source={path}";
using var raw = new SqliteRawDataStore(connection);
using var state = new SqliteSyncStateStore(connection);
using var chunks = new SqliteChunkStore(connection);
var sync = new CarbonVoiceSyncService(raw, state, Options.Create(new SyncOptions { EnqueueIngestionAfterSync = false }));

GC.Collect();
GC.WaitForPendingFinalizers();
GC.Collect();
var baseline = GC.GetTotalMemory(true);
using var sampler = new PeakMemorySampler();
var watch = Stopwatch.StartNew();
var run = await sync.SyncAsync(client, new SyncRequest("bench", "bench"));
watch.Stop();
var syncPeak = sampler.PeakManagedBytes;
var stored = await raw.CountAsync("bench", "bench", CarbonVoiceEntities.Message);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"full sync: status={run.Status} messages={stored} (emulator {emulator.Data.MessageCount}) time={watch.Elapsed.TotalSeconds:F1}s rate={stored / watch.Elapsed.TotalSeconds:F0} msg/s"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"memory: managed heap before={Mb(baseline)} MB, peak during sync={Mb(syncPeak)} MB (+{Mb(syncPeak - baseline)} MB), process peak working set={Mb(Environment.WorkingSet)}/{Mb(Process.GetCurrentProcess().PeakWorkingSet64)} MB (now/peak), SQLite file={Mb(new FileInfo(path).Length)} MB"));

if (ingest)
{
    var ingestion = new CarbonVoiceIngestionService(raw, chunks, state, new KeywordPillarMapper(Options.Create(new PillarMappingOptions())), TiktokenTokenCounter.Shared, Options.Create(new IngestionOptions()));
    watch.Restart();
    var ingestRun = await ingestion.IngestAsync("bench", "bench");
    watch.Stop();
    var chunkCount = await chunks.CountAsync(new ChunkQuery("bench", "bench"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ingestion: status={ingestRun.Status} chunks={chunkCount} time={watch.Elapsed.TotalSeconds:F1}s peak managed heap={Mb(sampler.PeakManagedBytes)} MB"));
}

SqliteConnection.ClearAllPools();
foreach (var suffix in new[] { "", "-wal", "-shm" })
{
    File.Delete(path + suffix);
}

return run.Status == SyncRunStatus.Succeeded ? 0 : 2;

int Argument(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}

static string Mb(long bytes) => (bytes / 1024.0 / 1024.0).ToString("F1", CultureInfo.InvariantCulture);
