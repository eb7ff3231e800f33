namespace CarbonVoice.Sdk.Connector.AzureQueues;

/// <summary>How the connector's jobs use Azure Storage Queues (section <c>CarbonVoice:AzureQueues</c> by convention).</summary>
public sealed class AzureQueuesOptions
{
    /// <summary>The guide's processing queue.</summary>
    public const string DefaultQueueName = "carbonvoice-processing";

    /// <summary>An Azure Storage connection string (<c>UseDevelopmentStorage=true</c> for Azurite). Required; never logged.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The queue of sync and ingestion jobs. <c>carbonvoice-processing</c> by default.</summary>
    public string QueueName { get; set; } = DefaultQueueName;

    /// <summary>Where jobs that failed <see cref="MaxDequeueCount"/> times go, with their error: <c>{QueueName}-poison</c> unless set (the Azure Functions convention).</summary>
    public string? PoisonQueueName { get; set; }

    /// <summary>The poison queue's name.</summary>
    public string EffectivePoisonQueueName => string.IsNullOrWhiteSpace(PoisonQueueName) ? QueueName + "-poison" : PoisonQueueName;

    /// <summary>How long a received job stays invisible to other workers; renewed every third of it while the job runs. 30 seconds by default.</summary>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many times a job is received before it moves to the poison queue (failed attempts and workers that died). 5 by default.</summary>
    public int MaxDequeueCount { get; set; } = 5;

    /// <summary>Jobs one worker process runs at once. 4 by default.</summary>
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>The most messages asked for per receive (1–32). 16 by default.</summary>
    public int BatchSize { get; set; } = 16;

    /// <summary>The wait after an empty receive, doubled up to <see cref="MaxPollInterval"/> while the queue stays empty. 200 ms by default.</summary>
    public TimeSpan MinPollInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest wait between receives of an empty queue. 5 seconds by default.</summary>
    public TimeSpan MaxPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The wait before a failed job runs again (its message's visibility). 5 seconds by default.</summary>
    public TimeSpan FailureRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Whether the queues are created when missing (on first use). True by default.</summary>
    public bool CreateQueues { get; set; } = true;
}
