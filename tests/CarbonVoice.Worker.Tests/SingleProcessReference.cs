using CarbonVoice.Sdk;
using CarbonVoice.Sdk.Connector;
using CarbonVoice.Sdk.Testing;
using CarbonVoice.Worker.Measurement;
using Microsoft.Extensions.Options;

namespace CarbonVoice.Worker.Tests;

/// <summary>The same connectors synced (over the same loopback server: payloads carry its address) and ingested in this process, one after another, into in-memory stores: what the workers must reproduce.</summary>
internal static class SingleProcessReference
{
    public static async Task<Dictionary<string, (List<string> Raw, List<string> Chunks)>> RunAsync(CarbonVoiceEmulator emulator, Uri server, IEnumerable<EmulatorConnector> connectors)
    {
        var result = new Dictionary<string, (List<string>, List<string>)>(StringComparer.Ordinal);
        var raw = new InMemoryRawDataStore();
        var chunks = new InMemoryChunkStore();
        var state = new InMemorySyncStateStore();
        var sync = new CarbonVoiceSyncService(raw, state, Options.Create(new SyncOptions { EnqueueIngestionAfterSync = false }));
        var ingestion = new CarbonVoiceIngestionService(raw, chunks, state, new KeywordPillarMapper(Options.Create(new PillarMappingOptions())), TiktokenTokenCounter.Shared, Options.Create(new IngestionOptions()));
        foreach (var connector in connectors)
        {
            using var client = new CarbonVoiceClient(
                new CarbonVoiceOptions { BaseAddress = server, ClientId = "emulator-client", ClientSecret = "emulator-secret" },
                new StaticAccessTokenProvider(emulator.IssueTokens(connector.UserId).AccessToken));
            var run = await sync.SyncAsync(client, new SyncRequest(EmulatorConnectors.TenantId, connector.ConnectorId) { Mode = SyncMode.Full });
            Assert.Equal(SyncRunStatus.Succeeded, run.Status);
            Assert.Equal(SyncRunStatus.Succeeded, (await ingestion.IngestAsync(EmulatorConnectors.TenantId, connector.ConnectorId)).Status);
            result[connector.ConnectorId] = (
                await StoreFingerprint.RawAsync(raw, EmulatorConnectors.TenantId, connector.ConnectorId),
                await StoreFingerprint.ChunksAsync(chunks, EmulatorConnectors.TenantId, connector.ConnectorId));
        }

        return result;
    }
}
