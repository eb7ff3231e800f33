using System.Collections.Concurrent;
using System.Threading.Channels;

namespace CarbonVoice.Sdk.Connector.AspNetCore;

/// <summary>
/// Queue mode: relays what workers report through the <see cref="IRunProgressStore"/>. Entries of a job this host queued and
/// waits for (<see cref="QueuedConnectorRunner"/>) go to that waiter, which reports them like an in-process run; every other
/// entry (a webhook's or a schedule's job, a job queued by another host instance) is published to the tenant's WebSockets
/// here, and the end of a sync is recorded on the connector (last sync; <c>expired</c> when its token can no longer be
/// refreshed). Every host instance relays to its own WebSockets; the connector writes are idempotent or conditional.
/// </summary>
internal sealed partial class RunProgressRelay(IRunProgressStore store, ProgressHub hub, IConnectorRepository connectors, TimeProvider time, ILogger<RunProgressRelay> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<string, Channel<RunProgressEntry>> _waiters = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>How often the store is read. 200 ms by default.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Completes once the relay reads the store (jobs queued before it would not be seen): queue only after it.</summary>
    public Task Ready => _ready.Task;

    /// <summary>Receives the entries of one job until disposed.</summary>
    /// <param name="jobId">The job.</param>
    public Subscription Subscribe(string jobId)
    {
        var channel = Channel.CreateUnbounded<RunProgressEntry>(new UnboundedChannelOptions { SingleReader = true });
        _waiters[jobId] = channel;
        return new Subscription(this, jobId, channel.Reader);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        RunProgressFeed? feed = null;
        var pruned = time.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                feed ??= new RunProgressFeed(store, await store.GetLastSequenceAsync(stoppingToken), time);
                _ready.TrySetResult();
                foreach (var entry in await feed.ReadAsync(cancellationToken: stoppingToken))
                {
                    if (entry.JobId is { } job && _waiters.TryGetValue(job, out var waiter))
                    {
                        waiter.Writer.TryWrite(entry);
                    }
                    else
                    {
                        await RelayAsync(entry, stoppingToken);
                    }
                }

                if (time.GetUtcNow() - pruned > TimeSpan.FromMinutes(10))
                {
                    pruned = time.GetUtcNow();
                    await store.PruneAsync(pruned - TimeSpan.FromHours(1), stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // a store outage is waited out; progress is best effort, run records stay the truth
            catch (Exception exception)
#pragma warning restore CA1031
            {
                LogRelayFailed(logger, exception);
            }

            try
            {
                await Task.Delay(PollInterval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>The WebSocket message of an entry.</summary>
    public static ProgressMessage ToMessage(RunProgressEntry entry, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var type = entry.Kind == SyncKind.Ingestion ? "ingest_progress" : "sync_progress";
        var status = entry.IsFinal && entry.BusyUntil is null ? RunStatuses.Of(entry.Status) : "running";
        return new ProgressMessage(type, entry.ConnectorId, entry.RunId, status, entry.Phase, entry.EntityType, entry.Processed, entry.IsFinal ? entry.Processed : null, entry.Percent, entry.Message, now);
    }

    private async Task RelayAsync(RunProgressEntry entry, CancellationToken cancellationToken)
    {
        if (entry.BusyUntil is not null)
        {
            return; // the worker queued the job again; it reports when it runs
        }

        hub.Publish(entry.TenantId, ToMessage(entry, time.GetUtcNow()));
        if (!entry.IsFinal || entry.Kind == SyncKind.Ingestion || entry.RunId is not { } runId)
        {
            return;
        }

        await connectors.SetLastSyncAsync(entry.ConnectorId, runId, entry.At, cancellationToken);
        if (entry.Status == SyncRunStatus.Expired
            && await connectors.TransitionStatusAsync(entry.ConnectorId, [ConnectorStatuses.Connected], ConnectorStatuses.Expired, entry.Message, cancellationToken))
        {
            hub.Publish(entry.TenantId, ProgressMessage.ConnectorExpired(entry.ConnectorId, runId, entry.Message, time.GetUtcNow()));
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "Reading run progress failed; retrying.")]
    private static partial void LogRelayFailed(ILogger logger, Exception exception);

    /// <summary>One job's entries; disposing stops them.</summary>
    internal sealed class Subscription(RunProgressRelay relay, string jobId, ChannelReader<RunProgressEntry> reader) : IDisposable
    {
        public ChannelReader<RunProgressEntry> Reader { get; } = reader;

        public void Dispose() => relay._waiters.TryRemove(jobId, out _);
    }
}
