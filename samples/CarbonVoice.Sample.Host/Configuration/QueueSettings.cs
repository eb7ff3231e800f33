namespace CarbonVoice.Sample.Host.Configuration;

/// <summary>Where syncs and ingestions run (section <c>Queue</c>): in this process, or as jobs on an Azure Storage Queue for worker processes.</summary>
public sealed class QueueSettings
{
    /// <summary>The configuration section (its other keys bind <c>AzureQueuesOptions</c>: <c>QueueName</c>, <c>VisibilityTimeout</c>, …).</summary>
    public const string SectionName = "Queue";

    /// <summary>The embedded default: the host runs every sync and ingestion itself.</summary>
    public const string InProcess = "InProcess";

    /// <summary>The host only queues jobs (<c>carbonvoice-processing</c>); workers run them and report progress through the store, which the host relays.</summary>
    public const string AzureStorage = "AzureStorage";

    /// <summary><see cref="InProcess"/> (default) or <see cref="AzureStorage"/>.</summary>
    public string Provider { get; set; } = InProcess;

    /// <summary>The Azure Storage connection string (else <c>ConnectionStrings:Queue</c>). Never logged.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Whether jobs go to Azure Storage Queues.</summary>
    public bool IsAzureStorage => string.Equals(Provider, AzureStorage, StringComparison.OrdinalIgnoreCase);
}
