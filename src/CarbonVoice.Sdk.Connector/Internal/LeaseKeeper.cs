using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CarbonVoice.Sdk.Connector.Internal;

/// <summary>
/// Holds a connector lease for one run: renews it in the background every third of its duration (on the
/// <see cref="TimeProvider"/>; two renewals may fail before it lapses), cancels the run's token when it is lost, and
/// releases it at the end. Its holder names the owner (machine, process id, a random part) and is recorded in the run.
/// </summary>
internal sealed class LeaseKeeper : IAsyncDisposable
{
    private readonly ISyncStateStore _store;
    private readonly TimeSpan _duration;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CancellationTokenSource _lost = new();
    private CancellationTokenSource? _linked;
    private ITimer? _timer;
    private Task _renewing = Task.CompletedTask;
    private SyncLease _lease;
    private int _isLost;
    private int _disposed;

    private LeaseKeeper(ISyncStateStore store, SyncLease lease, TimeSpan duration, TimeProvider time, ILogger logger)
    {
        _store = store;
        _lease = lease;
        _duration = duration;
        _time = time;
        _logger = logger;
    }

    /// <summary>The holder (recorded in the run as <see cref="SyncRun.LeaseHolder"/>).</summary>
    public string Holder => _lease.Holder;

    /// <summary>Whether the lease was lost to another holder (or could not be renewed before it expired).</summary>
    public bool IsLost => Volatile.Read(ref _isLost) == 1;

    public static async Task<LeaseKeeper> AcquireAsync(ISyncStateStore store, string tenantId, string leaseKey, TimeSpan duration, TimeProvider time, CancellationToken cancellationToken, ILogger? logger = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        var holder = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
        var lease = await store.TryAcquireLeaseAsync(tenantId, leaseKey, holder, duration, cancellationToken).ConfigureAwait(false);
        if (lease is null)
        {
            var current = await store.GetLeaseAsync(tenantId, leaseKey, cancellationToken).ConfigureAwait(false);
            throw new ConnectorBusyException(
                $"Another run of connector '{leaseKey}' of tenant '{tenantId}' holds its lease" + (current is null ? "." : $" until {current.ExpiresAt:O} unless renewed."),
                current);
        }

        return new LeaseKeeper(store, lease, duration, time, logger ?? NullLogger.Instance);
    }

    /// <summary>Starts renewing the lease every third of its duration; returns a token cancelled with <paramref name="cancellationToken"/> or when the lease is lost.</summary>
    public CancellationToken StartRenewing(CancellationToken cancellationToken)
    {
        _linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _lost.Token);
        var period = _duration / 3;
        _timer = _time.CreateTimer(_ => OnTick(), null, period, period);
        return _linked.Token;
    }

    /// <summary>Renews the lease when it is past half its life; throws when it was lost to another holder.</summary>
    public async Task RenewIfDueAsync(CancellationToken cancellationToken)
    {
        ThrowIfLost();
        if (_lease.ExpiresAt - _time.GetUtcNow() > _duration / 2)
        {
            return;
        }

        await RenewAsync(force: false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Renews the lease now and throws <see cref="ConnectorBusyException"/> when the run no longer holds it (before committing its result).</summary>
    public Task EnsureHeldAsync(CancellationToken cancellationToken) => RenewAsync(force: true, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        try
        {
            if (_timer is not null)
            {
                await _timer.DisposeAsync().ConfigureAwait(false);
            }

            try
            {
                await _renewing.ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // TickAsync records its own failures.
            }

            if (!IsLost)
            {
                try
                {
                    await _store.ReleaseLeaseAsync(_lease, CancellationToken.None).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    // Never fails the finished run: the lease lapses by itself within its duration.
                    Log.LeaseReleaseFailed(_logger, ex, _lease.TenantId, _lease.ConnectorId, _lease.ExpiresAt);
                }
            }
        }
        finally
        {
            _linked?.Dispose();
            _lost.Dispose();
        }
    }

    private void OnTick()
    {
        if (Volatile.Read(ref _disposed) == 1 || IsLost)
        {
            return;
        }

        _renewing = TickAsync();
    }

    private async Task TickAsync()
    {
        try
        {
            await RenewAsync(force: true, CancellationToken.None).ConfigureAwait(false);
        }
        catch (ConnectorBusyException)
        {
            // Recorded by RenewAsync: the run's token is cancelled.
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A transient store failure: the next tick retries, unless the lease expires first.
            if (_lease.ExpiresAt <= _time.GetUtcNow())
            {
                MarkLost();
            }
        }
    }

    private async Task RenewAsync(bool force, CancellationToken cancellationToken)
    {
        ThrowIfLost();
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfLost();
            if (!force && _lease.ExpiresAt - _time.GetUtcNow() > _duration / 2)
            {
                return;
            }

            var renewed = await _store.RenewLeaseAsync(_lease, _duration, cancellationToken).ConfigureAwait(false);
            if (renewed is null)
            {
                MarkLost();
                ThrowIfLost();
            }

            _lease = renewed!;
        }
        finally
        {
            _gate.Release();
        }
    }

    private void MarkLost()
    {
        if (Interlocked.Exchange(ref _isLost, 1) == 0)
        {
            try
            {
                _lost.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The run already finished.
            }
        }
    }

    private void ThrowIfLost()
    {
        if (IsLost)
        {
            throw new ConnectorBusyException("The connector's lease was lost to another run.");
        }
    }
}
