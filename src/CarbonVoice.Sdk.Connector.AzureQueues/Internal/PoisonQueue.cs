using Microsoft.Extensions.Logging;

namespace CarbonVoice.Sdk.Connector.AzureQueues.Internal;

/// <summary>Writes a job to the poison queue with its error; the caller deletes the original only afterwards (a crash between leaves a duplicate in the poison queue, never a lost job).</summary>
internal sealed class PoisonQueue(AzureQueueClients clients, TimeProvider time, ILogger logger)
{
    public async Task SendAsync(string messageId, JobMessage? message, string rawText, long dequeueCount, string error, CancellationToken cancellationToken)
    {
        await clients.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var poisoned = (message ?? new JobMessage { Raw = JobMessage.Truncate(rawText, 8 * 1024) }) with
        {
            LastError = JobMessage.Truncate(error),
            PoisonedAt = time.GetUtcNow(),
            DequeueCount = dequeueCount,
        };
        await clients.Poison.SendMessageAsync(poisoned.Serialize(), timeToLive: TimeSpan.FromSeconds(-1), cancellationToken: cancellationToken).ConfigureAwait(false);
        Log.Poisoned(logger, messageId, dequeueCount, poisoned.LastError ?? string.Empty);
    }
}
