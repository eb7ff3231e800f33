using CarbonVoice.Sdk.Connector.AzureQueues.Internal;

namespace CarbonVoice.Sdk.Connector.AzureQueues;

/// <summary>
/// An <see cref="IConnectorJobQueue"/> on an Azure Storage Queue (<see cref="AzureQueuesOptions.QueueName"/>): one small,
/// base64-encoded JSON message per job with ids only. Workers take them with <see cref="AzureQueueJobProcessor"/> or an Azure
/// Functions <c>QueueTrigger</c> calling <see cref="AzureQueueTriggerHandler"/>.
/// </summary>
public sealed class AzureConnectorJobQueue : IConnectorJobQueue
{
    private readonly AzureQueueClients _clients;

    internal AzureConnectorJobQueue(AzureQueueClients clients) => _clients = clients;

    /// <inheritdoc />
    public Task EnqueueAsync(ConnectorJob job, TimeSpan? delay = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        return SendAsync(JobMessage.From(job), delay, cancellationToken);
    }

    internal async Task SendAsync(JobMessage message, TimeSpan? delay, CancellationToken cancellationToken)
    {
        await _clients.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var visibility = delay is { } d && d > TimeSpan.Zero ? (TimeSpan?)(d > TimeSpan.FromDays(6) ? TimeSpan.FromDays(6) : d) : null;
        await _clients.Jobs.SendMessageAsync(message.Serialize(), visibility, cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
