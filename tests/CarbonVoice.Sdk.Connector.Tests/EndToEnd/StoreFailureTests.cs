using CarbonVoice.Sdk.Connector.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using static CarbonVoice.Sdk.Connector.Tests.Support.EmulatorHarness;

namespace CarbonVoice.Sdk.Connector.Tests.EndToEnd;

/// <summary>A failing store stops the run; the run record names the store without the database's text, which goes to the log.</summary>
public sealed class StoreFailureTests
{
    [Fact]
    public async Task A_full_raw_store_stops_the_sync_with_a_sanitized_error_and_logs_the_details()
    {
        await using var h = new EmulatorHarness(sync: s => s.MaxConcurrency = 1);
        var logger = new FakeLogger<CarbonVoiceSyncService>();
        var raw = new FailingStores.Raw(h.Raw, failFrom: 4);
        var run = await new CarbonVoiceSyncService(raw, h.State, Options.Create(h.SyncOptions), h.Time, logger).SyncAsync(h.Client, new SyncRequest(TenantId, ConnectorId));

        Assert.Equal(SyncRunStatus.Failed, run.Status);
        Assert.Equal("The raw data store is unavailable; the details are in the log.", run.StatusMessage);
        Assert.Equal(4, raw.Writes); // stopped at the first failure, not once per remaining conversation
        Assert.Equal(1, run.ErrorCount);
        var stored = await h.State.GetRunAsync(run.Id);
        AssertNoStoreText(stored!);
        var entry = Assert.Single(logger.Collector.GetSnapshot(), e => e.Exception is not null);
        var inner = Assert.IsType<SqliteException>(Assert.IsType<ConnectorStoreException>(entry.Exception).InnerException);
        Assert.Equal(13, inner.SqliteErrorCode);
        Assert.Equal(ConnectorStoreKind.RawData, ((ConnectorStoreException)entry.Exception!).Store);
    }

    [Fact]
    public async Task A_failing_chunk_store_fails_the_ingestion_instead_of_quarantining_records_and_keeps_its_text_out()
    {
        await using var h = new EmulatorHarness();
        Assert.Equal(SyncRunStatus.Succeeded, (await h.SyncAsync()).Status);
        var ingestion = new CarbonVoiceIngestionService(h.Raw, new FailingStores.Chunks(h.Chunks), h.State, new KeywordPillarMapper(Options.Create(new PillarMappingOptions())), TiktokenTokenCounter.Shared, Options.Create(new IngestionOptions()), h.Time);
        var run = await ingestion.IngestAsync(TenantId, ConnectorId);

        Assert.Equal(SyncRunStatus.Failed, run.Status);
        Assert.Equal("The chunk store is unavailable; the details are in the log.", run.StatusMessage);
        Assert.Equal(1, run.ErrorCount);
        Assert.Equal(0, await h.State.GetIngestionWatermarkAsync(TenantId, ConnectorId));
        AssertNoStoreText((await h.State.GetRunAsync(run.Id))!);
    }

    [Fact]
    public async Task Guarded_stores_pass_bad_input_and_cancellation_through_and_name_the_store_for_everything_else()
    {
        var chunks = ConnectorStoreGuard.Wrap(new InMemoryChunkStore());
        Assert.Same(chunks, ConnectorStoreGuard.Wrap(chunks));
        await Assert.ThrowsAnyAsync<FormatException>(() => chunks.QueryAsync(new ChunkQuery("t", "c"), "not-a-token!"));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ConnectorStoreGuard.Wrap(new InMemorySyncStateStore()).GetRunAsync("r", cancelled.Token));
        var failure = await Assert.ThrowsAsync<ConnectorStoreException>(() => ConnectorStoreGuard.Wrap(new FailingStores.Chunks(new InMemoryChunkStore())).UpsertAsync([]));
        Assert.Equal(ConnectorStoreKind.Chunks, failure.Store);
        Assert.IsType<SqliteException>(failure.InnerException);
    }

    private static void AssertNoStoreText(SyncRun run)
    {
        foreach (var text in run.Errors.Select(e => e.Message).Append(run.StatusMessage ?? string.Empty))
        {
            Assert.DoesNotContain("SQLite", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("disk is full", text, StringComparison.OrdinalIgnoreCase);
        }
    }
}
