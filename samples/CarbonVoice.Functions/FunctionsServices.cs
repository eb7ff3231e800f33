using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CarbonVoice.Functions;

/// <summary>
/// The services the functions use: the SDK (tokens in PostgreSQL, encrypted with the host's Data Protection key ring), the
/// connector over PostgreSQL stores, and the job queue on Azure Storage Queues. The Functions host itself receives, renews and
/// deletes the queue messages; <see cref="Sdk.Connector.AzureQueues.AzureQueueTriggerHandler"/> decides the rest.
/// </summary>
public static class FunctionsServices
{
    /// <summary>The app setting that holds the queue's connection string (the trigger's <c>Connection</c>).</summary>
    public const string QueueConnectionSetting = "CarbonVoiceQueue";

    /// <summary>Adds the functions' services.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The app settings.</param>
    public static IServiceCollection AddCarbonVoiceFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var dataProtection = services.AddDataProtection().SetApplicationName(configuration["Functions:DataProtectionApplicationName"] ?? "CarbonVoice.Sample.Host");
        if (configuration["Functions:DataProtectionKeysPath"] is { Length: > 0 } keys)
        {
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(Path.GetFullPath(keys)));
        }

        services.AddCarbonVoice(configuration)
            .UsePostgreSqlTokenStore()
            .UseDataProtectionTokenProtector();
        services.AddCarbonVoiceConnector(connector => connector.RunIngestionWorker = false);
        services.AddCarbonVoiceConnectorPostgreSql(o =>
        {
            configuration.GetSection("PostgreSql").Bind(o);
            o.ConnectionString ??= configuration.GetConnectionString("CarbonVoice");
        });
        services.AddCarbonVoiceConnectorAzureQueues(o =>
        {
            configuration.GetSection("Queue").Bind(o);
            o.ConnectionString ??= configuration[QueueConnectionSetting];
        });
        services.AddSingleton<Functions.ProcessConnectorJobFunction>();
        services.AddSingleton<Functions.EnqueueDueSyncsFunction>();
        return services;
    }
}
