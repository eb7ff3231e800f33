using System.Text;
using System.Text.Json;
using Azure.Storage.Queues;
using CarbonVoice.Functions.Functions;
using CarbonVoice.Sdk.Connector;
using CarbonVoice.Sdk.Connector.AzureQueues;
using CarbonVoice.Sdk.Connector.Tests.Conformance;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CarbonVoice.Functions.Tests;

/// <summary>
/// The function classes called directly, with the app's real service registrations (PostgreSQL stores, the queue on Azurite)
/// and a scripted sync service: the Functions host cannot run here, so what it would call is what is tested.
/// </summary>
public sealed class FunctionClassTests : IAsyncDisposable
{
    private readonly string _queue = "f-" + Guid.NewGuid().ToString("N")[..20];
    private readonly string _schema = "f_" + Guid.NewGuid().ToString("N")[..20];
    private readonly string _keys = Path.Combine(Path.GetTempPath(), "cv-functions-keys-" + Guid.NewGuid().ToString("N"));
    private ServiceProvider? _provider;

    private ServiceProvider Provider => _provider ??= Build();

    [ServersFact(TestServers.PostgreSqlVariable, TestServers.AzuriteVariable)]
    public async Task The_queue_function_runs_a_job_and_returns_so_the_host_deletes_it()
    {
        var sync = (Scripted)Provider.GetRequiredService<ICarbonVoiceSyncService>();
        var function = Provider.GetRequiredService<ProcessConnectorJobFunction>();
        var outcome = await function.RunAsync(Message(ConnectorJob.Sync("tenant-a", "conn-1", SyncMode.Delta, DateTimeOffset.UtcNow, ["conv-9"])), "m1", 1, CancellationToken.None);
        Assert.Equal(ConnectorJobStatus.Completed, outcome.Status);
        var call = Assert.Single(sync.Calls);
        Assert.Equal(("tenant-a", "conn-1", SyncMode.Delta), (call.TenantId, call.ConnectorId, call.Mode));
        Assert.Equal(["conv-9"], call.ConversationIds!);
    }

    [ServersFact(TestServers.PostgreSqlVariable, TestServers.AzuriteVariable)]
    public async Task A_failing_job_throws_for_the_host_to_retry_and_its_last_attempt_lands_in_the_poison_queue_with_the_error()
    {
        var sync = (Scripted)Provider.GetRequiredService<ICarbonVoiceSyncService>();
        sync.Status = SyncRunStatus.Failed;
        var function = Provider.GetRequiredService<ProcessConnectorJobFunction>();
        var text = Message(ConnectorJob.Sync("tenant-a", "conn-1", SyncMode.Auto, DateTimeOffset.UtcNow));

        await Assert.ThrowsAsync<ConnectorJobFailedException>(() => function.RunAsync(text, "m1", 1, CancellationToken.None));
        Assert.Equal(ConnectorJobStatus.Failed, (await function.RunAsync(text, "m1", 5, CancellationToken.None)).Status);

        var poison = new QueueClient(TestServers.Require(TestServers.AzuriteVariable), _queue + "-poison");
        var message = Assert.Single((await poison.ReceiveMessagesAsync(10)).Value);
        var json = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(message.Body.ToString()))).RootElement;
        Assert.Contains("scripted failure", json.GetProperty("last_error").GetString(), StringComparison.Ordinal);
        Assert.Equal("conn-1", json.GetProperty("connector_id").GetString());
    }

    [ServersFact(TestServers.PostgreSqlVariable, TestServers.AzuriteVariable)]
    public async Task The_timer_function_queues_each_due_sync_once()
    {
        var schedules = Provider.GetRequiredService<ISyncScheduleStore>();
        var now = DateTimeOffset.UtcNow;
        await schedules.SetAsync(new SyncSchedule("tenant-a", "due-1", TimeSpan.FromMinutes(15), now.AddMinutes(-1)));
        await schedules.SetAsync(new SyncSchedule("tenant-a", "due-2", TimeSpan.FromMinutes(15), now.AddMinutes(-3)));
        await schedules.SetAsync(new SyncSchedule("tenant-a", "later", TimeSpan.FromMinutes(15), now.AddHours(1)));
        var timer = Provider.GetRequiredService<EnqueueDueSyncsFunction>();

        Assert.Equal(2, await timer.RunAsync(new TimerInfo(), CancellationToken.None));
        Assert.Equal(0, await timer.RunAsync(new TimerInfo(), CancellationToken.None));

        var jobs = new QueueClient(TestServers.Require(TestServers.AzuriteVariable), _queue);
        var texts = (await jobs.ReceiveMessagesAsync(10)).Value.Select(m => Encoding.UTF8.GetString(Convert.FromBase64String(m.Body.ToString()))).ToList();
        Assert.Equal(["due-1", "due-2"], texts.Select(t => JsonDocument.Parse(t).RootElement.GetProperty("connector_id").GetString()).Order(StringComparer.Ordinal));
    }

    public async ValueTask DisposeAsync()
    {
        if (_provider is null)
        {
            return;
        }

        await _provider.DisposeAsync();
        var azurite = TestServers.Require(TestServers.AzuriteVariable);
        await new QueueClient(azurite, _queue).DeleteIfExistsAsync();
        await new QueueClient(azurite, _queue + "-poison").DeleteIfExistsAsync();
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(TestServers.Require(TestServers.PostgreSqlVariable));
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{_schema}\" CASCADE;", connection);
        await drop.ExecuteNonQueryAsync();
        try
        {
            Directory.Delete(_keys, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    private static string Message(ConnectorJob job)
    {
        // What a host puts on the queue, decoded (the Functions host hands the function the decoded text).
        return JsonSerializer.Serialize(new
        {
            v = 1,
            job_id = job.JobId,
            kind = job.Kind == ConnectorJobKind.Sync ? "sync" : "ingestion",
            tenant_id = job.TenantId,
            connector_id = job.ConnectorId,
            mode = job.Mode.ToString().ToLowerInvariant(),
            conversation_ids = job.ConversationIds,
            enqueued_at = job.EnqueuedAt,
        });
    }

    private ServiceProvider Build()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["CarbonVoiceQueue"] = TestServers.Require(TestServers.AzuriteVariable),
            ["Queue:QueueName"] = _queue,
            ["ConnectionStrings:CarbonVoice"] = TestServers.Require(TestServers.PostgreSqlVariable),
            ["PostgreSql:Schema"] = _schema,
            ["Functions:DataProtectionKeysPath"] = _keys,
            ["CarbonVoice:BaseAddress"] = "http://127.0.0.1:9/",
        }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<ICarbonVoiceSyncService>(new Scripted());
        services.AddCarbonVoiceFunctions(configuration);
        return services.BuildServiceProvider();
    }

    /// <summary>A sync service whose runs end with <see cref="Status"/>.</summary>
    private sealed class Scripted : ICarbonVoiceSyncService
    {
        public SyncRunStatus Status { get; set; } = SyncRunStatus.Succeeded;

        public List<SyncRequest> Calls { get; } = [];

        public Task<SyncRun> SyncAsync(Sdk.ICarbonVoiceClient client, SyncRequest request, IProgress<SyncProgress>? progress = null, CancellationToken cancellationToken = default)
            => SyncAsync(request, progress, cancellationToken);

        public Task<SyncRun> SyncAsync(SyncRequest request, IProgress<SyncProgress>? progress = null, CancellationToken cancellationToken = default)
        {
            Calls.Add(request);
            return Task.FromResult(new SyncRun { Id = Guid.NewGuid().ToString("N"), TenantId = request.TenantId, ConnectorId = request.ConnectorId, Kind = SyncKind.Delta, Status = Status, StatusMessage = Status == SyncRunStatus.Failed ? "scripted failure" : null });
        }

        public Task<IReadOnlySet<string>> GetEnabledEntitiesAsync(string tenantId, string connectorId, CancellationToken cancellationToken = default) => Task.FromResult(CarbonVoiceEntities.DefaultEnabled);

        public Task SetEnabledEntitiesAsync(string tenantId, string connectorId, IEnumerable<string> entityKeys, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }
}
