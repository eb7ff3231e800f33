using Microsoft.Extensions.Time.Testing;

namespace CarbonVoice.Sdk.Connector.Tests.Storage;

/// <summary>The feed over a store whose sequences show up out of order or never (what the in-memory store cannot produce).</summary>
public sealed class RunProgressFeedTests
{
    [Fact]
    public async Task A_late_sequence_is_waited_for_and_a_lost_one_is_given_up_after_the_timeout()
    {
        var time = new FakeTimeProvider();
        var store = new VisibleStore();
        var feed = new RunProgressFeed(store, 0, time) { GapTimeout = TimeSpan.FromSeconds(10) };

        store.Show(1, 3);
        Assert.Equal([1L, 3L], (await feed.ReadAsync()).Select(e => e.Sequence));
        Assert.Equal(1, feed.Position); // held below the missing 2

        store.Show(2);
        Assert.Equal([2L], (await feed.ReadAsync()).Select(e => e.Sequence)); // 3 is not returned again
        Assert.Equal(3, feed.Position);

        store.Show(5); // 4 was rolled back: it never shows up
        Assert.Equal([5L], (await feed.ReadAsync()).Select(e => e.Sequence));
        Assert.Empty(await feed.ReadAsync());
        Assert.Equal(3, feed.Position);

        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Empty(await feed.ReadAsync());
        Assert.Equal(5, feed.Position);

        store.Show(6);
        Assert.Equal([6L], (await feed.ReadAsync()).Select(e => e.Sequence));
        Assert.Equal(6, feed.Position);
    }

    /// <summary>A store whose entries become visible when the test says so, in any order.</summary>
    private sealed class VisibleStore : IRunProgressStore
    {
        private readonly SortedSet<long> _visible = [];

        public void Show(params long[] sequences) => _visible.UnionWith(sequences);

        public Task AppendAsync(RunProgressEntry entry, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<RunProgressEntry>> ReadAfterAsync(long afterSequence, int limit, CancellationToken cancellationToken = default)
            => Task.FromResult<IReadOnlyList<RunProgressEntry>>([.. _visible.Where(s => s > afterSequence).Take(limit).Select(s => new RunProgressEntry { TenantId = "t", ConnectorId = "c", Sequence = s })]);

        public Task<long> GetLastSequenceAsync(CancellationToken cancellationToken = default) => Task.FromResult(_visible.Count == 0 ? 0 : _visible.Max);

        public Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
