namespace CarbonVoice.Sdk.Connector;

/// <summary>The result of handling one job.</summary>
/// <param name="Status">What the queue does with the message.</param>
public sealed record ConnectorJobOutcome(ConnectorJobStatus Status)
{
    /// <summary>The run, when one was recorded.</summary>
    public SyncRun? Run { get; init; }

    /// <summary>Why the job failed or was rejected (safe to keep in a queue message: never a store's or a token's text).</summary>
    public string? Error { get; init; }

    /// <summary>For <see cref="ConnectorJobStatus.RetryLater"/>: how long to wait.</summary>
    public TimeSpan RetryAfter { get; init; }
}
