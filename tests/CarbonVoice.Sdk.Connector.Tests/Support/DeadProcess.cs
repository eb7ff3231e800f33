namespace CarbonVoice.Sdk.Connector.Tests.Support;

/// <summary>What a process killed in the middle of a run leaves behind: the run's lease (never renewed again) and the run, still marked running.</summary>
public static class DeadProcess
{
    public const string Holder = "dead-host:4242:0123456789abcdef";

    public static async Task<(SyncRun Run, SyncLease Lease)> LeaveRunningAsync(ISyncStateStore state, SyncKind kind, TimeSpan leaseDuration, string tenantId = EmulatorHarness.TenantId, string connectorId = EmulatorHarness.ConnectorId)
    {
        var lease = await state.TryAcquireLeaseAsync(tenantId, SyncLease.KeyOf(connectorId, kind), Holder, leaseDuration)
            ?? throw new InvalidOperationException("the lease is taken");
        var run = await state.StartRunAsync(tenantId, connectorId, kind, null, Holder);
        return (run, lease);
    }
}
