using CarbonVoice.Sdk.Connector;
using Microsoft.Azure.Functions.Worker;

namespace CarbonVoice.Functions.Functions;

/// <summary>Every five minutes (app setting <c>Functions:ScheduleCron</c>), queues the syncs that are due (<see cref="SyncScheduler"/>): the schedules of many connectors spread over the queue's workers.</summary>
public sealed class EnqueueDueSyncsFunction(SyncScheduler scheduler)
{
    /// <summary>The function.</summary>
    /// <param name="timer">The timer's state.</param>
    /// <param name="cancellationToken">Cancelled when the host stops.</param>
    /// <returns>The number of sync jobs queued.</returns>
    [Function("EnqueueDueSyncs")]
    public Task<int> RunAsync([TimerTrigger("%Functions:ScheduleCron%")] TimerInfo timer, CancellationToken cancellationToken)
        => scheduler.EnqueueDueAsync(cancellationToken);
}
