using System.Text;
using System.Text.Json;
using Azure.Storage.Queues;
using CarbonVoice.Sdk.Connector.Tests.Conformance;
using Microsoft.Extensions.DependencyInjection;

namespace CarbonVoice.Sdk.Connector.AzureQueues.Tests.Support;

/// <summary>The job queue on the test Azurite (a fresh queue pair per test), the real processor and handler, and scripted services.</summary>
public sealed class QueueHarness : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    public QueueHarness(Action<AzureQueuesOptions>? configure = null)
    {
        var connection = TestServers.Require(TestServers.AzuriteVariable);
        QueueName = "t-" + Guid.NewGuid().ToString("N")[..20];
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<ICarbonVoiceSyncService>(Sync);
        services.AddSingleton<ICarbonVoiceIngestionService>(Ingestion);
        services.AddCarbonVoiceConnector();
        services.Configure<ConnectorJobOptions>(o => o.BusyRetryDelay = TimeSpan.FromSeconds(1));
        services.AddCarbonVoiceConnectorAzureQueues(o =>
        {
            o.ConnectionString = connection;
            o.QueueName = QueueName;
            o.VisibilityTimeout = TimeSpan.FromSeconds(2);
            o.MaxDequeueCount = 3;
            o.FailureRetryDelay = TimeSpan.FromMilliseconds(100);
            o.MinPollInterval = TimeSpan.FromMilliseconds(50);
            o.MaxPollInterval = TimeSpan.FromMilliseconds(200);
            configure?.Invoke(o);
        });
        _provider = services.BuildServiceProvider();
        Jobs = _provider.GetRequiredService<IConnectorJobQueue>();
        Raw = new QueueClient(connection, QueueName);
        RawPoison = new QueueClient(connection, QueueName + "-poison");
    }

    public string QueueName { get; }

    public ScriptedSyncService Sync { get; } = new();

    public CountingIngestionService Ingestion { get; } = new();

    public IConnectorJobQueue Jobs { get; }

    /// <summary>The job queue without base64 decoding: what is on the wire.</summary>
    public QueueClient Raw { get; }

    public QueueClient RawPoison { get; }

    public T Get<T>()
        where T : notnull => _provider.GetRequiredService<T>();

    public AzureQueueJobProcessor NewProcessor() => Get<AzureQueueJobProcessor>();

    public static async Task<int> CountAsync(QueueClient queue)
    {
        try
        {
            return (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;
        }
        catch (Azure.RequestFailedException exception) when (exception.Status == 404)
        {
            return 0; // not created yet
        }
    }

    /// <summary>Reads (and removes) every poison message, decoded.</summary>
    public async Task<List<JsonElement>> DrainPoisonAsync()
    {
        var all = new List<JsonElement>();
        while ((await RawPoison.ReceiveMessagesAsync(32)).Value is { Length: > 0 } batch)
        {
            foreach (var message in batch)
            {
                all.Add(JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(message.Body.ToString()))).RootElement.Clone());
                await RawPoison.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
        }

        return all;
    }

    /// <summary>Runs a processor until <paramref name="until"/> holds (polled; bounded), then stops it and waits for it.</summary>
    public async Task RunUntilAsync(Func<Task<bool>> until, AzureQueueJobProcessor? processor = null, TimeSpan? deadline = null)
    {
        using var stop = new CancellationTokenSource();
        var running = (processor ?? NewProcessor()).RunAsync(stop.Token);
        await WaitUntilAsync(until, deadline);
        await stop.CancelAsync();
        await running;
    }

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan? deadline = null)
    {
        using var cts = new CancellationTokenSource(deadline ?? TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            await Task.Delay(25, cts.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Raw.DeleteIfExistsAsync();
        await RawPoison.DeleteIfExistsAsync();
        await _provider.DisposeAsync();
    }
}

/// <summary>A test that needs the test Azurite: skipped outside CI when it is not configured, failed in CI.</summary>
public sealed class AzuriteFactAttribute : FactAttribute
{
    public AzuriteFactAttribute() => Skip = TestServers.SkipReason(TestServers.AzuriteVariable);
}
