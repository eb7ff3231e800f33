namespace CarbonVoice.Sdk.Connector.AzureQueues;

/// <summary>
/// Thrown by <see cref="AzureQueueTriggerHandler"/> when a job failed and should be retried: an Azure Functions queue trigger
/// lets the host make the message visible again. The message is the job's error (never a store's or a token's text).
/// </summary>
public sealed class ConnectorJobFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ConnectorJobFailedException()
        : base("The connector job failed.")
    {
    }

    /// <summary>Creates the exception with the job's error.</summary>
    /// <param name="message">The error.</param>
    public ConnectorJobFailedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the job's error and cause.</summary>
    /// <param name="message">The error.</param>
    /// <param name="innerException">The cause.</param>
    public ConnectorJobFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
