namespace CarbonVoice.Sdk.Connector;

/// <summary>A connector lease that is still live, and the run holding it when the sync log knows it.</summary>
/// <param name="Lease">The lease (its holder and expiry).</param>
/// <param name="Run">The running run recorded under <see cref="SyncLease.Holder"/>, or null (a run still starting, or one recorded without a holder).</param>
public sealed record LiveLease(SyncLease Lease, SyncRun? Run);
