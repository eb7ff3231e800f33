using System.Diagnostics;
using System.Globalization;
using CarbonVoice.Sdk.Connector;
using CarbonVoice.Sdk.Testing;

namespace CarbonVoice.Worker.Measurement;

/// <summary>
/// <c>--measure</c>: how fast worker processes drain the queue into PostgreSQL. Starts the emulator on a loopback port (one
/// user per connector), then for each worker count: a fresh schema and queue, 1 sync job per connector (ingestion after sync
/// off) timed until drained, then 1 ingestion job per connector timed the same way; finally the whole pipeline (sync with its
/// queued ingestion) end to end with the largest worker count (<c>--end-to-end-only</c> skips the rates). Needs a PostgreSQL and an Azure Storage (Azurite) connection:
/// <c>CARBONVOICE_TEST_POSTGRES</c> / <c>CARBONVOICE_TEST_AZURITE</c>, or <c>--postgres</c> / <c>--queue</c>.
/// </summary>
internal static class MeasureCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var workerCounts = Arg(args, "--workers", "1,2").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();
        var connectors = int.Parse(Arg(args, "--connectors", "50"), CultureInfo.InvariantCulture);
        var messages = int.Parse(Arg(args, "--messages", "2000"), CultureInfo.InvariantCulture);
        var postgres = Arg(args, "--postgres", Environment.GetEnvironmentVariable("CARBONVOICE_TEST_POSTGRES") ?? string.Empty);
        var queue = Arg(args, "--queue", Environment.GetEnvironmentVariable("CARBONVOICE_TEST_AZURITE") ?? string.Empty);
        if (postgres.Length == 0 || queue.Length == 0)
        {
            await Console.Error.WriteLineAsync("--measure needs --postgres and --queue (or CARBONVOICE_TEST_POSTGRES and CARBONVOICE_TEST_AZURITE).");
            return 2;
        }

        // One workspace whose every user is in each of its 10 conversations, which hold --messages messages between them:
        // each connector syncs exactly --messages messages (the generated defaults leave members and conversations out).
        var options = new EmulatorOptions { Seed = 42, Users = connectors, Workspaces = 1, ConversationsPerWorkspace = 0 };
        options.RateLimit.Enabled = false;
        await using var emulator = new CarbonVoiceEmulator(options);
        var workspaceId = emulator.Data.Workspaces[0].Id;
        for (var c = 0; c < 10; c++)
        {
            emulator.Control.CreateConversation(workspaceId, FormattableString.Invariant($"Conversation {c + 1}"), messages / 10 + (c < messages % 10 ? 1 : 0));
        }

        await using var server = await emulator.StartServerAsync();
        Console.WriteLine($"emulator {server.BaseAddress} · {connectors} connectors · {emulator.Data.MessageCount} messages, each connector sees all of them · machine: {Environment.ProcessorCount} cores");
        Console.WriteLine("workers | sync: messages, seconds, messages/s | ingestion: chunks, seconds, chunks/s");
        foreach (var workers in args.Contains("--end-to-end-only") ? [] : workerCounts)
        {
            await using var environment = new ScaleEnvironment(postgres, queue, server.BaseAddress);
            var all = await EmulatorConnectors.CreateAsync(emulator, environment, connectors);
            var processes = StartWorkers(environment, workers, ingestAfterSync: false);
            try
            {
                var sync = await TimeAsync(environment, processes, all.Select(c => ConnectorJob.Sync(EmulatorConnectors.TenantId, c.ConnectorId, SyncMode.Full, DateTimeOffset.UtcNow)));
                var synced = await environment.ScalarAsync("SELECT COUNT(*) FROM cv_raw_records WHERE entity_type = 'message';");
                var ingest = await TimeAsync(environment, processes, all.Select(c => ConnectorJob.Ingestion(EmulatorConnectors.TenantId, c.ConnectorId, DateTimeOffset.UtcNow)));
                var chunks = await environment.ScalarAsync("SELECT COUNT(*) FROM cv_chunks;");
                Console.WriteLine(FormattableString.Invariant($"{workers,7} | {synced,8:N0} {sync.TotalSeconds,7:F1} s {synced / sync.TotalSeconds,8:N0}/s | {chunks,8:N0} {ingest.TotalSeconds,7:F1} s {chunks / ingest.TotalSeconds,8:N0}/s"));
            }
            finally
            {
                await Task.WhenAll(processes.Select(p => p.DisposeAsync().AsTask()));
            }
        }

        var most = workerCounts.Max();
        await using (var environment = new ScaleEnvironment(postgres, queue, server.BaseAddress))
        {
            var all = await EmulatorConnectors.CreateAsync(emulator, environment, connectors);
            var processes = StartWorkers(environment, most, ingestAfterSync: true);
            try
            {
                var total = await TimeAsync(environment, processes, all.Select(c => ConnectorJob.Sync(EmulatorConnectors.TenantId, c.ConnectorId, SyncMode.Full, DateTimeOffset.UtcNow)));
                var synced = await environment.ScalarAsync("SELECT COUNT(*) FROM cv_raw_records WHERE entity_type = 'message';");
                var chunks = await environment.ScalarAsync("SELECT COUNT(*) FROM cv_chunks;");
                Console.WriteLine(FormattableString.Invariant($"end to end, {most} workers: {connectors} connectors, {synced:N0} messages synced and {chunks:N0} chunks written in {total.TotalSeconds:F1} s"));
            }
            finally
            {
                await Task.WhenAll(processes.Select(p => p.DisposeAsync().AsTask()));
            }
        }

        return 0;
    }

    private static List<WorkerProcess> StartWorkers(ScaleEnvironment environment, int count, bool ingestAfterSync)
        => [.. Enumerable.Range(0, count).Select(_ => WorkerProcess.Start(WorkerProcess.DllBesideThis(), environment.WorkerEnvironment(new Dictionary<string, string>
        {
            ["Worker__IngestAfterSync"] = ingestAfterSync ? "true" : "false",
            ["Queue__MinPollInterval"] = "00:00:00.050",
            ["Queue__MaxPollInterval"] = "00:00:00.250",
        })))];

    private static async Task<TimeSpan> TimeAsync(ScaleEnvironment environment, List<WorkerProcess> workers, IEnumerable<ConnectorJob> jobs)
    {
        var watch = Stopwatch.StartNew();
        await environment.EnqueueAsync(jobs);
        await environment.WaitUntilDrainedAsync(TimeSpan.FromMinutes(30), workers);
        return watch.Elapsed;
    }

    private static string Arg(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }
}
