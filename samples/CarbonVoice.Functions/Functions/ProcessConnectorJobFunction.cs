using CarbonVoice.Sdk.Connector;
using CarbonVoice.Sdk.Connector.AzureQueues;
using Microsoft.Azure.Functions.Worker;

namespace CarbonVoice.Functions.Functions;

/// <summary>
/// Runs each job of the <c>carbonvoice-processing</c> queue: a thin shell around the shared job handler. Returning deletes the
/// message; <see cref="ConnectorJobFailedException"/> lets the host retry it; on its last allowed receive a failing job is put
/// in <c>carbonvoice-processing-poison</c> with its error (the host's own <c>maxDequeueCount</c>, in host.json, is higher).
/// </summary>
public sealed class ProcessConnectorJobFunction(AzureQueueTriggerHandler handler)
{
    /// <summary>The function.</summary>
    /// <param name="message">The message text (decoded from base64 by the host).</param>
    /// <param name="id">The message id (binding data).</param>
    /// <param name="dequeueCount">How many times the message has been received (binding data).</param>
    /// <param name="cancellationToken">Cancelled when the host stops.</param>
    [Function("ProcessConnectorJob")]
    public Task<ConnectorJobOutcome> RunAsync(
        [QueueTrigger(AzureQueuesOptions.DefaultQueueName, Connection = FunctionsServices.QueueConnectionSetting)] string message,
        string id,
        long dequeueCount,
        CancellationToken cancellationToken)
        => handler.HandleAsync(message, id, dequeueCount, cancellationToken);
}
