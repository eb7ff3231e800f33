using Microsoft.Extensions.Time.Testing;

namespace CarbonVoice.Sdk.Connector.Tests.Conformance;

/// <summary>The contract every <see cref="ISyncScheduleStore"/> must meet.</summary>
public abstract class SyncScheduleStoreConformance : IDisposable
{
    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 2, 3, 9, 0, 0, TimeSpan.Zero));

    /// <summary>Creates a fresh, empty store.</summary>
    protected abstract ISyncScheduleStore CreateStore();

    /// <summary>Another instance over the same storage (another scheduler process, for shared stores).</summary>
    protected abstract ISyncScheduleStore CreatePeer();

    public virtual void Dispose() => GC.SuppressFinalize(this);

    [Fact]
    public async Task Due_schedules_are_claimed_once_then_due_again_after_the_claim_or_the_interval()
    {
        var store = CreateStore();
        var now = Time.GetUtcNow();
        await store.SetAsync(new SyncSchedule("t1", "due", TimeSpan.FromMinutes(15), now.AddMinutes(-1)));
        await store.SetAsync(new SyncSchedule("t1", "later", TimeSpan.FromMinutes(15), now.AddMinutes(5)));

        var claimed = Assert.Single(await store.ClaimDueAsync(now, TimeSpan.FromMinutes(1), 10));
        Assert.Equal("due", claimed.ConnectorId);
        Assert.Equal(now.AddMinutes(-1), claimed.NextDueAt);
        Assert.Equal(TimeSpan.FromMinutes(15), claimed.Interval);
        Assert.Empty(await store.ClaimDueAsync(now, TimeSpan.FromMinutes(1), 10));

        // A scheduler that died after claiming: due again once the claim lapses.
        Assert.Single(await store.ClaimDueAsync(now.AddMinutes(1), TimeSpan.FromMinutes(1), 10), s => s.ConnectorId == "due");

        // Completed: due again only after the interval.
        await store.CompleteAsync("t1", "due", now.AddMinutes(16));
        Assert.Equal(["later"], (await store.ClaimDueAsync(now.AddMinutes(10), TimeSpan.FromMinutes(1), 10)).Select(s => s.ConnectorId));
        Assert.Contains(await store.ClaimDueAsync(now.AddMinutes(16), TimeSpan.FromMinutes(1), 10), s => s.ConnectorId == "due");
    }

    [Fact]
    public async Task Removed_schedules_are_never_claimed_and_limits_hold()
    {
        var store = CreateStore();
        var now = Time.GetUtcNow();
        for (var i = 0; i < 5; i++)
        {
            await store.SetAsync(new SyncSchedule("t1", "c" + i, TimeSpan.FromMinutes(5), now.AddSeconds(-i)));
        }

        await store.RemoveAsync("t1", "c0");
        await store.RemoveAsync("t1", "missing");
        await store.CompleteAsync("t1", "missing", now);
        var first = await store.ClaimDueAsync(now, TimeSpan.FromMinutes(1), 3);
        var second = await store.ClaimDueAsync(now, TimeSpan.FromMinutes(1), 3);
        Assert.Equal(3, first.Count);
        Assert.Single(second);
        Assert.DoesNotContain(first.Concat(second), s => s.ConnectorId == "c0");
        Assert.Equal(4, first.Concat(second).Select(s => s.ConnectorId).Distinct().Count());
    }

    [Fact]
    public async Task Concurrent_schedulers_claim_disjoint_sets()
    {
        CreateStore();
        var now = Time.GetUtcNow();
        var setup = CreatePeer();
        for (var i = 0; i < 40; i++)
        {
            await setup.SetAsync(new SyncSchedule("t1", "c" + i, TimeSpan.FromMinutes(5), now.AddSeconds(-1)));
        }

        var peers = Enumerable.Range(0, 4).Select(_ => CreatePeer()).ToList();
        var claims = await Task.WhenAll(peers.Select(p => Task.Run(async () =>
        {
            var mine = new List<SyncSchedule>();
            while (await p.ClaimDueAsync(now, TimeSpan.FromMinutes(1), 3) is { Count: > 0 } batch)
            {
                mine.AddRange(batch);
            }

            return mine;
        })));
        var all = claims.SelectMany(c => c).Select(s => s.ConnectorId).ToList();
        Assert.Equal(40, all.Count);
        Assert.Equal(40, all.Distinct().Count());
    }
}
