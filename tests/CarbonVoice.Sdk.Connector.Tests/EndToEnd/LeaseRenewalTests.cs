using System.Diagnostics;
using CarbonVoice.Sdk.Connector.Sqlite;
using CarbonVoice.Sdk.Connector.Tests.Support;
using Microsoft.Extensions.Options;
using static CarbonVoice.Sdk.Connector.Tests.Support.EmulatorHarness;

namespace CarbonVoice.Sdk.Connector.Tests.EndToEnd;

public sealed class LeaseRenewalTests
{
    [Fact]
    public async Task A_run_whose_requests_outlast_the_lease_keeps_it_and_a_second_host_is_refused()
    {
        await using var h = new EmulatorHarness();
        using var file = new TempSqliteFile();
        using var rawA = new SqliteRawDataStore(file.ConnectionString, h.Time);
        using var stateA = new SqliteSyncStateStore(file.ConnectionString, h.Time);
        using var rawB = new SqliteRawDataStore(file.ConnectionString, h.Time);
        using var stateB = new SqliteSyncStateStore(file.ConnectionString, h.Time);
        var options = Options.Create(h.SyncOptions);
        var syncB = new CarbonVoiceSyncService(rawB, stateB, options, h.Time);

        // The first three requests of the first run take 6 minutes each (the lease lasts 5); during the third,
        // another host (another store instance over the same file) tries to sync the same connector.
        var requests = 0;
        Exception? secondAttempt = null;
        SyncRun? secondRun = null;
        using var slow = new SlowHandler(async () =>
        {
            var n = Interlocked.Increment(ref requests);
            if (n > 3)
            {
                return;
            }

            // A minute at a time, each time once the renewal timer's write for that minute has landed: the lease is
            // kept by the renewal, never by how fast this machine happens to run it.
            for (var i = 0; i < 6; i++)
            {
                h.Time.Advance(TimeSpan.FromMinutes(1));
                await RenewedForAsync(h.Time.GetUtcNow() + h.SyncOptions.LeaseDuration);
            }

            if (n == 3)
            {
                try
                {
                    secondRun = await syncB.SyncAsync(h.Client, new SyncRequest(TenantId, ConnectorId));
                }
                catch (ConnectorBusyException ex)
                {
                    secondAttempt = ex;
                }
            }
        })
        { InnerHandler = h.Emulator.CreateHandler() };
        using var slowClient = new CarbonVoiceClient(
            new CarbonVoiceOptions { BaseAddress = h.Emulator.BaseAddress, ClientId = "emulator-client", ClientSecret = "emulator-secret", RetryBaseDelay = TimeSpan.Zero },
            new StaticAccessTokenProvider(h.Emulator.IssueTokens(h.UserId).AccessToken),
            slow);

        var run = await new CarbonVoiceSyncService(rawA, stateA, options, h.Time).SyncAsync(slowClient, new SyncRequest(TenantId, ConnectorId));

        Assert.True(requests > 3);
        Assert.Null(secondRun);
        Assert.IsType<ConnectorBusyException>(secondAttempt);
        Assert.True(run.Status == SyncRunStatus.Succeeded, run.StatusMessage + string.Join("; ", run.Errors));
        Assert.NotNull(await stateB.GetCheckpointAsync(TenantId, ConnectorId, "sync:hwm"));

        // Released at the end: the other host may sync now.
        Assert.Equal(SyncRunStatus.Succeeded, (await syncB.SyncAsync(h.Client, new SyncRequest(TenantId, ConnectorId))).Status);

        // Yields until the stored lease (read by the other host's store) lasts until expiresAt.
        async Task RenewedForAsync(DateTimeOffset expiresAt)
        {
            var guard = Stopwatch.StartNew();
            while (true)
            {
                var lease = await stateB.GetLeaseAsync(TenantId, ConnectorId) ?? throw new InvalidOperationException("the run's lease is gone");
                if (lease.ExpiresAt >= expiresAt)
                {
                    return;
                }

                if (guard.Elapsed > TimeSpan.FromSeconds(30))
                {
                    throw new TimeoutException($"the lease was not renewed (expires {lease.ExpiresAt:O}, wanted {expiresAt:O})");
                }

                await Task.Yield();
            }
        }
    }

    private sealed class SlowHandler(Func<Task> beforeRequest) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await beforeRequest();
            return await base.SendAsync(request, cancellationToken);
        }
    }
}
