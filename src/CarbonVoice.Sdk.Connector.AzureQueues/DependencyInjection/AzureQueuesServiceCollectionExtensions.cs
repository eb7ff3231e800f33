using CarbonVoice.Sdk.Connector;
using CarbonVoice.Sdk.Connector.AzureQueues;
using CarbonVoice.Sdk.Connector.AzureQueues.Internal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the connector's job queue on Azure Storage Queues.</summary>
public static class AzureQueuesServiceCollectionExtensions
{
    /// <summary>
    /// Puts sync and ingestion jobs on an Azure Storage Queue: <see cref="IConnectorJobQueue"/> and <see cref="IIngestionQueue"/>
    /// (a finished sync's ingestion becomes a job any worker may run; the in-process <see cref="IngestionWorker"/> is removed),
    /// plus the worker side, <see cref="AzureQueueJobProcessor"/> (for a <c>BackgroundService</c>) and
    /// <see cref="AzureQueueTriggerHandler"/> (for an Azure Functions queue trigger). Call after <c>AddCarbonVoiceConnector</c>.
    /// The options are validated at start-up.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="connectionString">An Azure Storage connection string.</param>
    public static IServiceCollection AddCarbonVoiceConnectorAzureQueues(this IServiceCollection services, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return services.AddCarbonVoiceConnectorAzureQueues(o => o.ConnectionString = connectionString);
    }

    /// <summary>Azure Storage Queue jobs configured from a section (<see cref="AzureQueuesOptions"/>' property names).</summary>
    /// <param name="services">The services.</param>
    /// <param name="section">The configuration section.</param>
    public static IServiceCollection AddCarbonVoiceConnectorAzureQueues(this IServiceCollection services, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return services.AddCarbonVoiceConnectorAzureQueues(section.Bind);
    }

    /// <summary>Azure Storage Queue jobs configured in code.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options.</param>
    public static IServiceCollection AddCarbonVoiceConnectorAzureQueues(this IServiceCollection services, Action<AzureQueuesOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<AzureQueuesOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AzureQueuesOptions>, AzureQueuesOptionsValidator>());
        services.TryAddSingleton<AzureQueueClients>();
        services.TryAddSingleton(sp => new AzureConnectorJobQueue(sp.GetRequiredService<AzureQueueClients>()));
        services.Replace(ServiceDescriptor.Singleton<IConnectorJobQueue>(sp => sp.GetRequiredService<AzureConnectorJobQueue>()));
        services.Replace(ServiceDescriptor.Singleton<IIngestionQueue>(sp => new AzureIngestionQueue(sp.GetRequiredService<IConnectorJobQueue>(), sp.GetRequiredService<TimeProvider>())));
        services.RemoveAll<AzureQueueJobProcessor>();
        services.AddSingleton(sp => new AzureQueueJobProcessor(
            sp.GetRequiredService<AzureQueueClients>(),
            sp.GetRequiredService<AzureConnectorJobQueue>(),
            sp.GetRequiredService<ConnectorJobHandler>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<AzureQueueJobProcessor>>()));
        services.RemoveAll<AzureQueueTriggerHandler>();
        services.AddSingleton(sp => new AzureQueueTriggerHandler(
            sp.GetRequiredService<AzureQueueClients>(),
            sp.GetRequiredService<AzureConnectorJobQueue>(),
            sp.GetRequiredService<ConnectorJobHandler>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<AzureQueueTriggerHandler>>()));

        // Ingestion requests are jobs on the queue now: the in-process worker (which reads an in-process queue) must not run.
        foreach (var worker in services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(IngestionWorker)).ToList())
        {
            services.Remove(worker);
        }

        return services;
    }
}
