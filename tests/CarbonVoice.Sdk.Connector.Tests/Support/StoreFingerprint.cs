using CarbonVoice.Sdk.Connector.Sqlite;

namespace CarbonVoice.Sdk.Connector.Tests.Support;

/// <summary>What a SQLite file holds for the harness's connector: raw (key, hash, deleted, parent), chunk (id, source, index, hash), runs.</summary>
public sealed record StoreFingerprint(List<string> Raw, List<string> Chunks, IReadOnlyList<SyncRun> Runs)
{
    public static async Task<StoreFingerprint> ReadAsync(string databasePath)
    {
        var connection = $"Data Source={databasePath}";
        using var raw = new SqliteRawDataStore(connection);
        using var chunks = new SqliteChunkStore(connection);
        using var state = new SqliteSyncStateStore(connection);
        var chunkLines = new List<string>();
        string? token = null;
        do
        {
            var page = await chunks.QueryAsync(new ChunkQuery(EmulatorHarness.TenantId, EmulatorHarness.ConnectorId), token, 500);
            chunkLines.AddRange(page.Items.Select(c => $"{c.Chunk.ChunkId} {c.Chunk.SourceKey}#{c.Chunk.Index} {c.Chunk.ContentHash}"));
            token = page.ContinuationToken;
        }
        while (token is not null);
        chunkLines.Sort(StringComparer.Ordinal);
        return new StoreFingerprint(await EmulatorHarness.Fingerprint(raw), chunkLines, await state.ListRunsAsync(EmulatorHarness.TenantId, EmulatorHarness.ConnectorId, 100));
    }
}
