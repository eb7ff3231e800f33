using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CarbonVoice.Sdk.Connector.Tests.Jobs;

/// <summary>A job's progress rows: the first event, then at most one per interval, and always the final entry.</summary>
public sealed class RunProgressWriterTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task The_first_event_and_the_final_entry_are_written_and_events_inside_the_interval_are_dropped()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 2, 10, 0, 0, 0, TimeSpan.Zero));
        var store = new InMemoryRunProgressStore();
        var job = ConnectorJob.Sync("t", "c", SyncMode.Delta, time.GetUtcNow());
        var writer = new RunProgressWriter(store, job, Interval, time, NullLogger.Instance);
        await using (writer)
        {
            writer.Report(new SyncProgress("run-1", SyncPhase.Starting));
            writer.Report(new SyncProgress("run-1", SyncPhase.Messages) { Message = "dropped" });
            time.Advance(Interval);
            writer.Report(new SyncProgress("run-1", SyncPhase.Messages) { Percent = 100 });
            writer.Report(new SyncProgress("run-1", SyncPhase.Completed));
            writer.Final(null, message: "done");
            Assert.Equal("run-1", writer.RunId);
        }

        var entries = await store.ReadAfterAsync(0, 10);
        Assert.Equal(["starting", "messages", "completed"], entries.Select(e => e.Phase));
        Assert.All(entries, e => Assert.Equal("run-1", e.RunId));
        Assert.DoesNotContain(entries, e => e.Message == "dropped");
        Assert.Equal(99.9, entries[1].Percent); // only the final entry says 100
        Assert.True(entries[2].IsFinal);
        Assert.Equal("done", entries[2].Message);
    }

    [Fact]
    public async Task Without_a_store_the_run_id_is_still_noted()
    {
        var time = new FakeTimeProvider();
        var writer = new RunProgressWriter(null, ConnectorJob.Ingestion("t", "c", time.GetUtcNow()), Interval, time, NullLogger.Instance);
        await using (writer)
        {
            writer.Report(new IngestionProgress("run-2", IngestionPhase.Reading));
            writer.Final(null);
        }

        Assert.Equal("run-2", writer.RunId);
    }
}
