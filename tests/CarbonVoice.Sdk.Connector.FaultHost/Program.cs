using System.Globalization;
using CarbonVoice.Sdk;
using CarbonVoice.Sdk.Connector;
using CarbonVoice.Sdk.Connector.FaultHost;
using CarbonVoice.Sdk.Connector.Sqlite;
using Microsoft.Extensions.Options;

// The process the kill-and-resume suite starts, kills with SIGKILL at a line it printed, and starts again:
//   dotnet CarbonVoice.Sdk.Connector.FaultHost.dll --db <file> --api <emulator url> --token <access token> [--lease-ms 4000] [--hold-at-line N]
// On every start it resumes what a killed predecessor left (SyncRunRecovery.PlanResumeAsync: waits for the dead leases to
// lapse), runs a full sync if none ever finished, and ingests what is pending. One line per store write and progress event;
// with --hold-at-line N it stops at its N-th line until killed (a thread that reaches a later line waits there, after its write).
var settings = FaultHostSettings.Parse(args);
using var output = new LineWriter(Console.Out, settings.HoldAtLine);
output.Line($"start pid={Environment.ProcessId}");

var connection = $"Data Source={settings.DatabasePath}";
using var sqliteRaw = new SqliteRawDataStore(connection);
using var sqliteChunks = new SqliteChunkStore(connection);
using var state = new SqliteSyncStateStore(connection);
var raw = new PrintingRawDataStore(sqliteRaw, output);
var chunks = new PrintingChunkStore(sqliteChunks, output);
var syncOptions = new SyncOptions { LeaseDuration = settings.Lease, MessagePageSize = 10, MaxConcurrency = 2, EnqueueIngestionAfterSync = false };
var ingestionOptions = new IngestionOptions { LeaseDuration = settings.Lease, ReadPageSize = 40, ConversationFlushThreshold = 3 };
var sync = new CarbonVoiceSyncService(raw, state, Options.Create(syncOptions));
var ingestion = new CarbonVoiceIngestionService(raw, chunks, state, new KeywordPillarMapper(Options.Create(new PillarMappingOptions())), TiktokenTokenCounter.Shared, Options.Create(ingestionOptions));
var recovery = new SyncRunRecovery(state, raw);
using var client = new CarbonVoiceClient(
    new CarbonVoiceOptions { BaseAddress = settings.Api, ClientId = "emulator-client", ClientSecret = "emulator-secret", RetryBaseDelay = TimeSpan.FromMilliseconds(50) },
    new StaticAccessTokenProvider(settings.Token));

var plan = await recovery.PlanResumeAsync(settings.TenantId, settings.ConnectorId);
output.Line($"plan sync={plan.Sync?.ToString() ?? "none"} interrupted-sync={plan.InterruptedSync?.Id ?? "none"} ingestion={plan.Ingestion} interrupted-ingestion={plan.InterruptedIngestion?.Id ?? "none"}");
var everSynced = (await state.ListRunsAsync(settings.TenantId, settings.ConnectorId, 100)).Any(r => r.Kind != SyncKind.Ingestion && r.Status == SyncRunStatus.Succeeded);
var mode = plan.Sync ?? (everSynced ? (SyncMode?)null : SyncMode.Full);
var runs = new RunPrinter(output);
if (mode is { } syncMode)
{
    // A run that lost its lease to a starved renewal (a loaded machine) is simply run again: it resumes from its checkpoints.
    for (var attempt = 1; attempt <= 3; attempt++)
    {
        try
        {
            var run = await sync.SyncAsync(client, new SyncRequest(settings.TenantId, settings.ConnectorId) { Mode = syncMode }, runs.Sync);
            output.Line($"run-finished sync {run.Id} {run.Status}");
            if (run.Status == SyncRunStatus.Succeeded)
            {
                break;
            }
        }
        catch (ConnectorBusyException busy)
        {
            output.Line($"busy sync until {busy.Lease?.ExpiresAt.ToString("O", CultureInfo.InvariantCulture) ?? "?"}");
            await WaitForAsync(busy.Lease, settings.Lease);
        }
    }
}

if (mode is not null || plan.Ingestion)
{
    for (var attempt = 1; attempt <= 3; attempt++)
    {
        try
        {
            var run = await ingestion.IngestAsync(settings.TenantId, settings.ConnectorId, runs.Ingestion);
            output.Line($"run-finished ingestion {run.Id} {run.Status}");
            if (run.Status == SyncRunStatus.Succeeded)
            {
                break;
            }
        }
        catch (ConnectorBusyException busy)
        {
            output.Line($"busy ingestion until {busy.Lease?.ExpiresAt.ToString("O", CultureInfo.InvariantCulture) ?? "?"}");
            await WaitForAsync(busy.Lease, settings.Lease);
        }
    }
}

output.Line("done");
return 0;

// A lease held by a process that died before recording its run (killed while taking it): it lapses at its expiry.
static Task WaitForAsync(SyncLease? lease, TimeSpan longest)
{
    var left = lease is null ? longest : lease.ExpiresAt - DateTimeOffset.UtcNow;
    return Task.Delay(left < TimeSpan.Zero ? TimeSpan.Zero : left > longest ? longest : left);
}
