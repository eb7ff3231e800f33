using CarbonVoice.Worker.Configuration;
using CarbonVoice.Worker.Hosting;
using Microsoft.AspNetCore.DataProtection;

namespace CarbonVoice.Worker;

/// <summary>
/// Everything a worker process needs: the SDK (tokens in PostgreSQL, encrypted with the host's Data Protection key ring), the
/// connector over PostgreSQL stores, jobs on Azure Storage Queues, and the thin hosted services around the job handler.
/// </summary>
public static class WorkerServices
{
    /// <summary>The connection string names: <c>ConnectionStrings:CarbonVoice</c> (PostgreSQL) and <c>ConnectionStrings:Queue</c> (Azure Storage).</summary>
    public const string DatabaseConnectionName = "CarbonVoice";

    /// <summary>The Azure Storage connection string's name.</summary>
    public const string QueueConnectionName = "Queue";

    /// <summary>Adds the worker's services.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration.</param>
    public static IServiceCollection AddCarbonVoiceWorker(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var settings = configuration.GetSection(WorkerSettings.SectionName).Get<WorkerSettings>() ?? new WorkerSettings();
        services.AddOptions<WorkerSettings>().Bind(configuration.GetSection(WorkerSettings.SectionName))
            .Validate(s => !string.IsNullOrWhiteSpace(s.DataProtectionKeysPath), "Worker:DataProtectionKeysPath is required: the key ring the host encrypts tokens with.")
            .ValidateOnStart();
        var keys = settings.DataProtectionKeysPath is { Length: > 0 } path ? new DirectoryInfo(Path.GetFullPath(path)) : null;
        var dataProtection = services.AddDataProtection().SetApplicationName(settings.DataProtectionApplicationName);
        if (keys is not null)
        {
            dataProtection.PersistKeysToFileSystem(keys);
        }

        services.AddCarbonVoice(configuration)
            .UsePostgreSqlTokenStore()
            .UseDataProtectionTokenProtector();
        services.AddCarbonVoiceConnector(connector =>
        {
            connector.RunIngestionWorker = false;
            connector.Sync.LeaseDuration = settings.LeaseDuration;
            connector.Sync.MaxConcurrency = settings.SyncConcurrency;
            connector.Sync.MessagePageSize = settings.MessagePageSize;
            connector.Sync.EnqueueIngestionAfterSync = settings.IngestAfterSync;
            connector.Ingestion.LeaseDuration = settings.LeaseDuration;
        });
        services.Configure<CarbonVoice.Sdk.Connector.ConnectorJobOptions>(configuration.GetSection("Jobs"));
        services.AddCarbonVoiceConnectorPostgreSql(o =>
        {
            configuration.GetSection("PostgreSql").Bind(o);
            o.ConnectionString ??= configuration.GetConnectionString(DatabaseConnectionName);
        });
        services.AddCarbonVoiceConnectorAzureQueues(o =>
        {
            configuration.GetSection("Queue").Bind(o);
            o.ConnectionString ??= configuration.GetConnectionString(QueueConnectionName);
        });
        services.AddHostedService<QueueWorkerService>();
        services.AddHostedService<ScheduleService>();
        return services;
    }
}
