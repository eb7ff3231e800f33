using Microsoft.Extensions.Time.Testing;

namespace CarbonVoice.Sdk.Connector.Tests.Conformance;

/// <summary>The contract every <see cref="IRunProgressStore"/> must meet.</summary>
public abstract class RunProgressStoreConformance : IDisposable
{
    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 2, 3, 9, 0, 0, TimeSpan.Zero));

    /// <summary>Creates a fresh, empty store.</summary>
    protected abstract IRunProgressStore CreateStore();

    public virtual void Dispose() => GC.SuppressFinalize(this);

    protected RunProgressEntry Entry(string run, long processed, bool final = false, SyncRunStatus status = SyncRunStatus.Running) => new()
    {
        TenantId = "t1",
        ConnectorId = "c1",
        JobId = "job-" + run,
        RunId = run,
        Kind = SyncKind.Delta,
        Status = status,
        IsFinal = final,
        Phase = final ? "completed" : "messages",
        EntityType = "message",
        Processed = processed,
        Percent = final ? 100 : 12.5,
        Message = "héllo ✓",
        At = Time.GetUtcNow(),
    };

    [Fact]
    public async Task Entries_round_trip_in_sequence_order_and_page()
    {
        var store = CreateStore();
        Assert.Equal(0, await store.GetLastSequenceAsync());
        await store.AppendAsync(Entry("r1", 1));
        await store.AppendAsync(Entry("r1", 2));
        await store.AppendAsync(Entry("r1", 3, final: true, status: SyncRunStatus.Succeeded) with { BusyUntil = Time.GetUtcNow().AddSeconds(30) });

        var all = await store.ReadAfterAsync(0, 10);
        Assert.Equal([1L, 2, 3], all.Select(e => e.Processed));
        Assert.Equal(all.Select(e => e.Sequence).Order(), all.Select(e => e.Sequence));
        var last = all[^1];
        Assert.True(last.IsFinal);
        Assert.Equal(SyncRunStatus.Succeeded, last.Status);
        Assert.Equal(Time.GetUtcNow().AddSeconds(30), last.BusyUntil);
        Assert.Equal("job-r1", last.JobId);
        Assert.Equal("héllo ✓", last.Message);
        Assert.Equal(100, last.Percent);
        Assert.Equal(Time.GetUtcNow(), last.At);
        Assert.Equal(last.Sequence, await store.GetLastSequenceAsync());

        var page = await store.ReadAfterAsync(all[0].Sequence, 1);
        Assert.Equal(2, Assert.Single(page).Processed);
        Assert.Empty(await store.ReadAfterAsync(last.Sequence, 10));
    }

    [Fact]
    public async Task Prune_deletes_old_entries_only()
    {
        var store = CreateStore();
        await store.AppendAsync(Entry("old", 1));
        Time.Advance(TimeSpan.FromHours(2));
        await store.AppendAsync(Entry("new", 1));
        Assert.Equal(1, await store.PruneAsync(Time.GetUtcNow().AddHours(-1)));
        Assert.Equal("new", Assert.Single(await store.ReadAfterAsync(0, 10)).RunId);
    }

    [Fact]
    public async Task A_feed_returns_every_entry_of_concurrent_writers_once()
    {
        var store = CreateStore();
        var feed = new RunProgressFeed(store, await store.GetLastSequenceAsync(), Time);
        var seen = new List<RunProgressEntry>();
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 25; i++)
            {
                await store.AppendAsync(Entry("w" + w, i));
            }
        })).ToList();
        while (writers.Any(t => !t.IsCompleted))
        {
            seen.AddRange(await feed.ReadAsync(50));
        }

        await Task.WhenAll(writers);
        for (var i = 0; i < 5; i++)
        {
            seen.AddRange(await feed.ReadAsync(50));
        }

        Assert.Equal(100, seen.Count);
        Assert.Equal(100, seen.Select(e => (e.RunId, e.Processed)).Distinct().Count());
    }
}
