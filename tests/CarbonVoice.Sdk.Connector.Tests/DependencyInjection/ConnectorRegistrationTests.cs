using CarbonVoice.Sdk.Connector.Sqlite;
using CarbonVoice.Sdk.Connector.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CarbonVoice.Sdk.Connector.Tests.DependencyInjection;

public sealed class ConnectorRegistrationTests
{
    [Fact]
    public async Task Defaults_are_in_memory_and_replaceable()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddCarbonVoiceConnector(o =>
        {
            o.Ingestion.MaxTokens = 256;
            o.Sync.MaxConcurrency = 2;
        });
        await using var provider = services.BuildServiceProvider();
        Assert.IsType<InMemoryRawDataStore>(provider.GetRequiredService<IRawDataStore>());
        Assert.IsType<InMemoryChunkStore>(provider.GetRequiredService<IChunkStore>());
        Assert.IsType<InMemorySyncStateStore>(provider.GetRequiredService<ISyncStateStore>());
        Assert.IsType<ChannelIngestionQueue>(provider.GetRequiredService<IIngestionQueue>());
        Assert.IsType<CarbonVoiceSyncService>(provider.GetRequiredService<ICarbonVoiceSyncService>());
        Assert.IsType<CarbonVoiceIngestionService>(provider.GetRequiredService<ICarbonVoiceIngestionService>());
        Assert.Contains(provider.GetServices<IHostedService>(), s => s is IngestionWorker);
        Assert.Equal(256, provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<IngestionOptions>>().Value.MaxTokens);
    }

    [Fact]
    public async Task Sqlite_stores_win_in_either_order_and_sync_then_queued_ingestion_works()
    {
        using var file = new TempSqliteFile();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddCarbonVoiceConnectorSqlite(file.ConnectionString);
        services.AddCarbonVoiceConnector(o => o.Sync.MessagePageSize = 5);
        await using var provider = services.BuildServiceProvider();
        Assert.IsType<SqliteRawDataStore>(provider.GetRequiredService<IRawDataStore>());

        await using var h = new EmulatorHarness();
        var worker = provider.GetServices<IHostedService>().OfType<IngestionWorker>().Single();
        var ingested = new TaskCompletionSource<SyncRun>(TaskCreationOptions.RunContinuationsAsynchronously);
        worker.RunCompleted += (_, run) => ingested.TrySetResult(run);
        await worker.StartAsync(CancellationToken.None);
        var sync = await provider.GetRequiredService<ICarbonVoiceSyncService>().SyncAsync(h.Client, new SyncRequest("t", "c"));
        Assert.Equal(SyncRunStatus.Succeeded, sync.Status);
        var ingestion = await ingested.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await worker.StopAsync(CancellationToken.None);
        Assert.Equal(SyncRunStatus.Succeeded, ingestion.Status);
        Assert.True(await provider.GetRequiredService<IChunkStore>().CountAsync(new ChunkQuery("t", "c")) > 0);
        var log = await provider.GetRequiredService<ISyncStateStore>().ListRunsAsync("t", "c");
        Assert.Equal([SyncKind.Ingestion, SyncKind.Full], log.Select(r => r.Kind));
    }
}
