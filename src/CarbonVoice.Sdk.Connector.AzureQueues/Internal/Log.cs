using Microsoft.Extensions.Logging;

namespace CarbonVoice.Sdk.Connector.AzureQueues.Internal;

/// <summary>The queue package's log messages (source-generated). Connection strings are never logged.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Warning, "Job message {MessageId} moved to the poison queue after {DequeueCount} receive(s): {Error}")]
    public static partial void Poisoned(ILogger logger, string messageId, long dequeueCount, string error);

    [LoggerMessage(2, LogLevel.Warning, "The job queue could not be read; retrying in {Delay}.")]
    public static partial void ReceiveFailed(ILogger logger, Exception exception, TimeSpan delay);

    [LoggerMessage(3, LogLevel.Warning, "The visibility of job message {MessageId} could not be renewed.")]
    public static partial void RenewFailed(ILogger logger, Exception exception, string messageId);

    [LoggerMessage(4, LogLevel.Warning, "Job message {MessageId} was taken by another worker (its visibility lapsed); this worker stops the job and leaves the message alone.")]
    public static partial void MessageLost(ILogger logger, string messageId);

    [LoggerMessage(5, LogLevel.Error, "Job message {MessageId} could not be settled ({Action}); it becomes visible again after its visibility timeout.")]
    public static partial void SettleFailed(ILogger logger, Exception exception, string messageId, string action);

    [LoggerMessage(6, LogLevel.Information, "Job {JobId} failed (attempt {Attempt} of {MaxAttempts}); retrying in {Delay}: {Error}")]
    public static partial void Retrying(ILogger logger, string jobId, long attempt, int maxAttempts, TimeSpan delay, string error);
}
