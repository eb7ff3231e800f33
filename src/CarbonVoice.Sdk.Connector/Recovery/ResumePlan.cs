namespace CarbonVoice.Sdk.Connector;

/// <summary>What to run for a connector after a restart so that interrupted work resumes (see <see cref="SyncRunRecovery.PlanResumeAsync"/>).</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="ConnectorId">The connector.</param>
public sealed record ResumePlan(string TenantId, string ConnectorId)
{
    /// <summary>The sync to run (<see cref="SyncMode.Full"/> or <see cref="SyncMode.Delta"/>, the kind of the interrupted one), or null.</summary>
    public SyncMode? Sync { get; init; }

    /// <summary>The interrupted sync that <see cref="Sync"/> resumes, or null.</summary>
    public SyncRun? InterruptedSync { get; init; }

    /// <summary>Whether an ingestion is due: one was interrupted, or raw records changed past the ingestion watermark (a sync finished but its ingestion never ran).</summary>
    public bool Ingestion => InterruptedIngestion is not null || IngestionPending;

    /// <summary>The interrupted ingestion, or null.</summary>
    public SyncRun? InterruptedIngestion { get; init; }

    /// <summary>Whether raw records changed past the ingestion watermark.</summary>
    public bool IngestionPending { get; init; }

    /// <summary>Whether there is nothing to resume.</summary>
    public bool IsEmpty => Sync is null && !Ingestion;
}
