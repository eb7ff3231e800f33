namespace CarbonVoice.Sdk.Connector.Internal;

/// <summary>Holds a connector lease for one run: renews it when half its duration has passed, releases it at the end.</summary>
internal sealed class LeaseKeeper : IAsyncDisposable
{
    private readonly ISyncStateStore _store;
    private readonly TimeSpan _duration;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SyncLease _lease;

    private LeaseKeeper(ISyncStateStore store, SyncLease lease, TimeSpan duration, TimeProvider time)
    {
        _store = store;
        _lease = lease;
        _duration = duration;
        _time = time;
    }

    public static async Task<LeaseKeeper> AcquireAsync(ISyncStateStore store, string tenantId, string leaseKey, TimeSpan duration, TimeProvider time, CancellationToken cancellationToken)
    {
        var holder = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
        var lease = await store.TryAcquireLeaseAsync(tenantId, leaseKey, holder, duration, cancellationToken).ConfigureAwait(false)
            ?? throw new ConnectorBusyException($"Another run of connector '{leaseKey}' of tenant '{tenantId}' holds its lease.");
        return new LeaseKeeper(store, lease, duration, time);
    }

    /// <summary>Renews the lease when it is past half its life; throws when it was lost to another holder.</summary>
    public async Task RenewIfDueAsync(CancellationToken cancellationToken)
    {
        if (_lease.ExpiresAt - _time.GetUtcNow() > _duration / 2)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_lease.ExpiresAt - _time.GetUtcNow() > _duration / 2)
            {
                return;
            }

            _lease = await _store.RenewLeaseAsync(_lease, _duration, cancellationToken).ConfigureAwait(false)
                ?? throw new ConnectorBusyException("The connector's lease was lost to another run.");
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _store.ReleaseLeaseAsync(_lease, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            _gate.Dispose();
        }
    }
}
