
namespace CarbonVoice.Sdk.Connector.AspNetCore;

/// <summary>Whether this host runs syncs and ingestions itself or only queues them for workers (<c>Queue:Provider</c>).</summary>
/// <param name="jobs">The job queue in queue mode; null when the host runs everything itself.</param>
internal sealed class HostRunMode(IConnectorJobQueue? jobs)
{
    /// <summary>Jobs go to Azure Storage Queues: workers run them, this host relays their progress.</summary>
    public bool IsQueued => Jobs is not null;

    /// <summary>The job queue (queue mode only).</summary>
    public IConnectorJobQueue? Jobs { get; } = jobs;
}
