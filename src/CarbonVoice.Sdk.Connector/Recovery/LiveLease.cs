namespace CarbonVoice.Sdk.Connector;

/// <summary>A connector lease that is still live, and the run holding it when the sync log knows it.</summary>
/// <param name="Lease">The lease (its holder and expiry).</param>
/// <param name="Run">The running run recorded under <see cref="SyncLease.Holder"/>, or null (a run still starting, or one recorded without a holder).</param>
public sealed record LiveLease(SyncLease Lease, SyncRun? Run)
{
    /// <summary>
    /// The run recorded under the lease's holder has already ended (its end is saved under the lease, then the lease is
    /// released): the holder is only letting go, and nothing is running.
    /// </summary>
    public bool Ending { get; init; }
}
