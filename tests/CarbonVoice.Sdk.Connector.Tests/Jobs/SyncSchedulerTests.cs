using Microsoft.Extensions.Time.Testing;

namespace CarbonVoice.Sdk.Connector.Tests.Jobs;

public sealed class SyncSchedulerTests
{
    [Fact]
    public async Task Every_due_schedule_is_queued_once_as_an_auto_sync_and_moved_an_interval_on()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 2, 3, 9, 0, 0, TimeSpan.Zero));
        var now = time.GetUtcNow();
        var schedules = new InMemorySyncScheduleStore();
        await schedules.SetAsync(new SyncSchedule("t1", "a", TimeSpan.FromMinutes(15), now.AddMinutes(-2)));
        await schedules.SetAsync(new SyncSchedule("t1", "b", TimeSpan.FromMinutes(30), now.AddMinutes(-1)));
        await schedules.SetAsync(new SyncSchedule("t1", "later", TimeSpan.FromMinutes(15), now.AddMinutes(5)));
        var queue = new RecordingQueue();

        // A batch of one: the scheduler claims again until a batch comes back short.
        var scheduler = new SyncScheduler(schedules, queue, time) { BatchSize = 1 };
        Assert.Equal(2, await scheduler.EnqueueDueAsync());

        Assert.Equal(["a", "b"], queue.Jobs.Select(j => j.ConnectorId));
        Assert.All(queue.Jobs, j =>
        {
            Assert.Equal(ConnectorJobKind.Sync, j.Kind);
            Assert.Equal(SyncMode.Auto, j.Mode);
            Assert.Equal("schedule", j.CorrelationId);
        });

        Assert.Equal(0, await scheduler.EnqueueDueAsync());
        time.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal(2, await scheduler.EnqueueDueAsync()); // "a" after its interval, "later" now due; "b" not yet
        Assert.Equal(["a", "later"], queue.Jobs.Skip(2).Select(j => j.ConnectorId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_stores_are_required()
    {
        Assert.Throws<ArgumentNullException>(() => new SyncScheduler(null!, new RecordingQueue()));
        Assert.Throws<ArgumentNullException>(() => new SyncScheduler(new InMemorySyncScheduleStore(), null!));
    }

    private sealed class RecordingQueue : IConnectorJobQueue
    {
        public List<ConnectorJob> Jobs { get; } = [];

        public Task EnqueueAsync(ConnectorJob job, TimeSpan? delay = null, CancellationToken cancellationToken = default)
        {
            Jobs.Add(job);
            return Task.CompletedTask;
        }
    }
}
