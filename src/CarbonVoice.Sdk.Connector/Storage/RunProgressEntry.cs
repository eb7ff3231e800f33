namespace CarbonVoice.Sdk.Connector;

/// <summary>
/// One progress report of a run on some machine, as an <see cref="IRunProgressStore"/> keeps it for hosts to relay (a worker
/// runs the job; the host that queued it forwards its progress to a WebSocket). Progress only: the run record in the
/// <see cref="ISyncStateStore"/> stays the truth about a run.
/// </summary>
public sealed record RunProgressEntry
{
    /// <summary>The store's increasing number of the entry (0 until stored).</summary>
    public long Sequence { get; init; }

    /// <summary>The tenant.</summary>
    public required string TenantId { get; init; }

    /// <summary>The connector.</summary>
    public required string ConnectorId { get; init; }

    /// <summary>The job that ran, when it came from a queue.</summary>
    public string? JobId { get; init; }

    /// <summary>The run (null when the job could not start one).</summary>
    public string? RunId { get; init; }

    /// <summary>Full, delta or ingestion.</summary>
    public SyncKind Kind { get; init; }

    /// <summary><see cref="SyncRunStatus.Running"/> until the last entry of a run (<see cref="IsFinal"/>), which has the run's final status.</summary>
    public SyncRunStatus Status { get; init; } = SyncRunStatus.Running;

    /// <summary>Whether this is the run's (or the job's) last entry.</summary>
    public bool IsFinal { get; init; }

    /// <summary>The job could not run now because another run holds the connector's lease, live until then; <see cref="RunId"/> names that run when known.</summary>
    public DateTimeOffset? BusyUntil { get; init; }

    /// <summary>The phase (<c>messages</c>, <c>reading</c>, …).</summary>
    public string? Phase { get; init; }

    /// <summary>The entity type the phase works on.</summary>
    public string? EntityType { get; init; }

    /// <summary>Items processed so far.</summary>
    public long Processed { get; init; }

    /// <summary>Percent done, when known.</summary>
    public double? Percent { get; init; }

    /// <summary>A message for people (never a store's or a token's text).</summary>
    public string? Message { get; init; }

    /// <summary>When it was reported.</summary>
    public DateTimeOffset At { get; init; }
}
