namespace CarbonVoice.Sdk.Connector;

/// <summary>What a queue does with a job after <see cref="ConnectorJobHandler.HandleAsync"/>.</summary>
public enum ConnectorJobStatus
{
    /// <summary>Done (its run ended and was recorded, whatever its status, or it needs a person: an expired token). Delete the message.</summary>
    Completed,

    /// <summary>Not run now (another run holds the connector's lease, or the worker is stopping): run it again after <see cref="ConnectorJobOutcome.RetryAfter"/>, not counted as a failure.</summary>
    RetryLater,

    /// <summary>The run failed: run it again (a failed attempt counts towards the queue's poison limit), keeping <see cref="ConnectorJobOutcome.Error"/>.</summary>
    Failed,

    /// <summary>The job can never run (an unreadable message, an unknown kind): move it to the poison queue at once with its error.</summary>
    Rejected,
}
