using CarbonVoice.Sdk.Connector.AzureQueues.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CarbonVoice.Sdk.Connector.AzureQueues;

/// <summary>
/// The job queue as an Azure Functions <c>[QueueTrigger("carbonvoice-processing")]</c> sees it: the host receives, renews and
/// deletes the message (after the function returns); this class runs it with <see cref="ConnectorJobHandler"/> and decides the
/// rest like <see cref="AzureQueueJobProcessor"/>. A failed job throws <see cref="ConnectorJobFailedException"/> so that the host
/// retries it; on its last allowed receive (<see cref="AzureQueuesOptions.MaxDequeueCount"/>) it is written to the poison queue
/// with its error instead (set the host's <c>maxDequeueCount</c> above ours, so that the host's own poison handling, which
/// loses the error, never comes first). A busy connector queues a fresh copy for later and returns.
/// </summary>
public sealed class AzureQueueTriggerHandler
{
    private readonly AzureConnectorJobQueue _queue;
    private readonly ConnectorJobHandler _handler;
    private readonly PoisonQueue _poison;
    private readonly AzureQueuesOptions _options;

    internal AzureQueueTriggerHandler(AzureQueueClients clients, AzureConnectorJobQueue queue, ConnectorJobHandler handler, TimeProvider? timeProvider, ILogger<AzureQueueTriggerHandler>? logger)
    {
        _queue = queue;
        _handler = handler;
        _options = clients.Options;
        _poison = new PoisonQueue(clients, timeProvider ?? TimeProvider.System, (ILogger?)logger ?? NullLogger.Instance);
    }

    /// <summary>Runs one message of the trigger.</summary>
    /// <param name="messageText">The message text, as the trigger binds it (already base64-decoded).</param>
    /// <param name="messageId">The message id (binding data <c>Id</c>), for logs.</param>
    /// <param name="dequeueCount">How many times the message has been received (binding data <c>DequeueCount</c>).</param>
    /// <param name="cancellationToken">The function's cancellation (the host is stopping).</param>
    /// <returns>The outcome (the host deletes the message when this returns).</returns>
    /// <exception cref="ConnectorJobFailedException">The job failed and has receives left: the host retries it.</exception>
    public async Task<ConnectorJobOutcome> HandleAsync(string messageText, string messageId, long dequeueCount, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messageText);
        JobMessage parsed;
        ConnectorJob job;
        try
        {
            parsed = JobMessage.Parse(messageText);
            job = parsed.ToJob();
        }
        catch (FormatException exception)
        {
            await _poison.SendAsync(messageId, null, messageText, dequeueCount, exception.Message, cancellationToken).ConfigureAwait(false);
            return new ConnectorJobOutcome(ConnectorJobStatus.Rejected) { Error = exception.Message };
        }

        var outcome = await _handler.HandleAsync(job, cancellationToken).ConfigureAwait(false);
        switch (outcome.Status)
        {
            case ConnectorJobStatus.Completed:
                return outcome;
            case ConnectorJobStatus.RetryLater when cancellationToken.IsCancellationRequested:
                throw new OperationCanceledException("The host is stopping; the job is retried.", cancellationToken);
            case ConnectorJobStatus.RetryLater:
                await _queue.SendAsync(parsed, outcome.RetryAfter, cancellationToken).ConfigureAwait(false);
                return outcome;
            case ConnectorJobStatus.Failed when dequeueCount < _options.MaxDequeueCount:
                throw new ConnectorJobFailedException(outcome.Error ?? "The job failed.");
            default:
                var last = parsed with { FailedAttempts = (int)Math.Min(int.MaxValue, dequeueCount) };
                await _poison.SendAsync(messageId, last, messageText, dequeueCount, outcome.Error ?? outcome.Status.ToString(), cancellationToken).ConfigureAwait(false);
                return outcome;
        }
    }
}
