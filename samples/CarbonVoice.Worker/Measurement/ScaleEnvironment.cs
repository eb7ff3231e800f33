using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure.Storage.Queues;
using CarbonVoice.Sdk;
using CarbonVoice.Sdk.Connector;
using Microsoft.AspNetCore.DataProtection;
using Npgsql;

namespace CarbonVoice.Worker.Measurement;

/// <summary>
/// One isolated scale run: a fresh PostgreSQL schema, a fresh queue pair on Azure Storage (Azurite), a Data Protection key
/// ring shared with the worker processes, and the stores and queue as the host side sees them (to seed tokens, queue jobs
/// and read the results). <see cref="WorkerEnvironment"/> gives the settings a worker process needs to join it.
/// </summary>
public sealed class ScaleEnvironment : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    /// <summary>Creates the environment (nothing is created on the servers until first use).</summary>
    /// <param name="postgres">An Npgsql connection string.</param>
    /// <param name="queue">An Azure Storage connection string.</param>
    /// <param name="api">The Carbon Voice (emulator) address the workers call.</param>
    public ScaleEnvironment(string postgres, string queue, Uri api)
    {
        PostgreSql = postgres;
        QueueConnection = queue;
        Api = api;
        var id = Guid.NewGuid().ToString("N")[..16];
        Schema = "scale_" + id;
        QueueName = "scale-" + id;
        KeysPath = Path.Combine(Path.GetTempPath(), "cv-scale-keys-" + id);
        Directory.CreateDirectory(KeysPath);
        var services = new ServiceCollection().AddLogging();
        services.AddDataProtection().SetApplicationName(ApplicationName).PersistKeysToFileSystem(new DirectoryInfo(KeysPath));
        services.AddCarbonVoice(o =>
        {
            o.BaseAddress = api;
            o.ClientId = "emulator-client";
            o.ClientSecret = "emulator-secret";
        }).UsePostgreSqlTokenStore().UseDataProtectionTokenProtector();
        services.AddCarbonVoiceConnector(o => o.RunIngestionWorker = false);
        services.AddCarbonVoiceConnectorPostgreSql(o =>
        {
            o.ConnectionString = postgres;
            o.Schema = Schema;
        });
        services.AddCarbonVoiceConnectorAzureQueues(o =>
        {
            o.ConnectionString = queue;
            o.QueueName = QueueName;
        });
        _services = services.BuildServiceProvider();
        Jobs = _services.GetRequiredService<IConnectorJobQueue>();
        Tokens = _services.GetRequiredService<ITokenStore>();
        Raw = _services.GetRequiredService<IRawDataStore>();
        Chunks = _services.GetRequiredService<IChunkStore>();
        State = _services.GetRequiredService<ISyncStateStore>();
        Queue = new QueueClient(queue, QueueName);
        Poison = new QueueClient(queue, QueueName + "-poison");
    }

    /// <summary>The Data Protection application name the workers share.</summary>
    public const string ApplicationName = "CarbonVoice";

    /// <summary>The Npgsql connection string (without the run's schema).</summary>
    public string PostgreSql { get; }

    /// <summary>The Azure Storage connection string.</summary>
    public string QueueConnection { get; }

    /// <summary>The Carbon Voice (emulator) address the workers call.</summary>
    public Uri Api { get; }

    /// <summary>The run's PostgreSQL schema (dropped on dispose).</summary>
    public string Schema { get; }

    /// <summary>The run's job queue (its poison queue adds <c>-poison</c>; both deleted on dispose).</summary>
    public string QueueName { get; }

    /// <summary>The Data Protection key ring folder the workers share (deleted on dispose).</summary>
    public string KeysPath { get; }

    /// <summary>The job queue, as a host enqueues.</summary>
    public IConnectorJobQueue Jobs { get; }

    /// <summary>The token store (PostgreSQL, encrypted with the shared key ring).</summary>
    public ITokenStore Tokens { get; }

    /// <summary>The raw data store over the run's schema.</summary>
    public IRawDataStore Raw { get; }

    /// <summary>The chunk store over the run's schema.</summary>
    public IChunkStore Chunks { get; }

    /// <summary>The sync state store over the run's schema.</summary>
    public ISyncStateStore State { get; }

    /// <summary>The job queue without base64 decoding.</summary>
    public QueueClient Queue { get; }

    /// <summary>The poison queue without base64 decoding.</summary>
    public QueueClient Poison { get; }

    /// <summary>The settings of a worker process joining this run, with <paramref name="overrides"/> applied.</summary>
    /// <param name="overrides">Changes (for example shorter leases).</param>
    public Dictionary<string, string> WorkerEnvironment(IReadOnlyDictionary<string, string>? overrides = null)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["Logging__LogLevel__Default"] = "Warning",
            ["ConnectionStrings__CarbonVoice"] = PostgreSql,
            ["ConnectionStrings__Queue"] = QueueConnection,
            ["PostgreSql__Schema"] = Schema,
            ["Queue__QueueName"] = QueueName,
            ["Worker__DataProtectionKeysPath"] = KeysPath,
            ["Worker__DataProtectionApplicationName"] = ApplicationName,
            ["CarbonVoice__BaseAddress"] = Api.ToString(),
            ["CarbonVoice__ClientId"] = "emulator-client",
            ["CarbonVoice__ClientSecret"] = "emulator-secret",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        return environment;
    }

    /// <summary>Stores a connector's token (encrypted with the shared key ring), as a host's OAuth callback would.</summary>
    public Task StoreTokenAsync(string connectorId, CarbonVoiceToken token, CancellationToken cancellationToken = default)
        => Tokens.SetAsync(connectorId, token, cancellationToken);

    /// <summary>Queues jobs, a few at a time.</summary>
    public Task EnqueueAsync(IEnumerable<ConnectorJob> jobs, CancellationToken cancellationToken = default)
        => Parallel.ForEachAsync(jobs, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (job, ct) => await Jobs.EnqueueAsync(job, cancellationToken: ct).ConfigureAwait(false));

    /// <summary>The approximate number of messages in the job queue (visible or not).</summary>
    public async Task<int> QueueLengthAsync(QueueClient? queue = null, CancellationToken cancellationToken = default)
    {
        try
        {
            return (await (queue ?? Queue).GetPropertiesAsync(cancellationToken).ConfigureAwait(false)).Value.ApproximateMessagesCount;
        }
        catch (Azure.RequestFailedException exception) when (exception.Status == 404)
        {
            return 0;
        }
    }

    /// <summary>Every message of the poison queue, decoded (they stay in the queue).</summary>
    public async Task<List<JsonElement>> PeekPoisonAsync(CancellationToken cancellationToken = default)
    {
        var all = new List<JsonElement>();
        foreach (var message in (await Poison.PeekMessagesAsync(32, cancellationToken).ConfigureAwait(false)).Value)
        {
            all.Add(JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(message.Body.ToString()))).RootElement.Clone());
        }

        return all;
    }

    /// <summary>One value from the run's schema.</summary>
    public async Task<long> ScalarAsync(string sql, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(PostgreSql) { SearchPath = Schema }.ConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    /// <summary>Polls until the queue is empty and no run is running, twice in a row; fails after <paramref name="deadline"/> or when every worker exited.</summary>
    public async Task WaitUntilDrainedAsync(TimeSpan deadline, IReadOnlyCollection<WorkerProcess> workers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workers);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(deadline);
        var quietTimes = 0;
        while (quietTimes < 2)
        {
            if (workers.Count > 0 && workers.All(w => w.HasExited))
            {
                throw new InvalidOperationException("Every worker process exited:\n" + string.Join("\n---\n", workers.Select(w => w.Tail)));
            }

            var quiet = await QueueLengthAsync(cancellationToken: cancellationToken).ConfigureAwait(false) == 0
                && await ScalarAsync("SELECT COUNT(*) FROM cv_sync_runs WHERE status = 'Running';", cancellationToken).ConfigureAwait(false) == 0;
            quietTimes = quiet ? quietTimes + 1 : 0;
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"The queue was not drained within {deadline} ({await QueueLengthAsync().ConfigureAwait(false)} messages left). Worker output:\n" + string.Join("\n---\n", workers.Select(w => w.Tail)));
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync().ConfigureAwait(false);
        await Queue.DeleteIfExistsAsync().ConfigureAwait(false);
        await Poison.DeleteIfExistsAsync().ConfigureAwait(false);
        NpgsqlConnection.ClearAllPools();
        await using (var connection = new NpgsqlConnection(PostgreSql))
        {
            await connection.OpenAsync().ConfigureAwait(false);
            await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{Schema}\" CASCADE;", connection);
            await drop.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        try
        {
            Directory.Delete(KeysPath, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
