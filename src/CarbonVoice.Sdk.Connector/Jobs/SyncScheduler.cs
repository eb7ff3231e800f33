using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CarbonVoice.Sdk.Connector;

/// <summary>
/// Queues the syncs that are due (a timer calls <see cref="EnqueueDueAsync"/>: an Azure Functions <c>TimerTrigger</c>, a
/// worker's loop): claims due schedules, queues one <see cref="SyncMode.Auto"/> sync job each, and moves each schedule an
/// interval on once its job is queued. A crash between claim and queueing delays that sync by the claim (one minute); a
/// job queued twice is harmless.
/// </summary>
public sealed class SyncScheduler(ISyncScheduleStore schedules, IConnectorJobQueue queue, TimeProvider? timeProvider = null, ILogger<SyncScheduler>? logger = null)
{
    private readonly ISyncScheduleStore _schedules = schedules ?? throw new ArgumentNullException(nameof(schedules));
    private readonly IConnectorJobQueue _queue = queue ?? throw new ArgumentNullException(nameof(queue));
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;

    /// <summary>How long a claimed schedule is held before another scheduler may claim it again. 1 minute by default.</summary>
    public TimeSpan Claim { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The most schedules queued per call. 500 by default.</summary>
    public int BatchSize { get; init; } = 500;

    /// <summary>Queues every sync due now.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The number of sync jobs queued.</returns>
    public async Task<int> EnqueueDueAsync(CancellationToken cancellationToken = default)
    {
        var queued = 0;
        while (true)
        {
            var now = _time.GetUtcNow();
            var due = await _schedules.ClaimDueAsync(now, Claim, BatchSize, cancellationToken).ConfigureAwait(false);
            foreach (var schedule in due)
            {
                await _queue.EnqueueAsync(ConnectorJob.Sync(schedule.TenantId, schedule.ConnectorId, SyncMode.Auto, now) with { CorrelationId = "schedule" }, cancellationToken: cancellationToken).ConfigureAwait(false);
                await _schedules.CompleteAsync(schedule.TenantId, schedule.ConnectorId, now + schedule.Interval, cancellationToken).ConfigureAwait(false);
                queued++;
            }

            if (due.Count < BatchSize)
            {
                break;
            }
        }

        if (queued > 0)
        {
            JobLog.ScheduledSyncsQueued(_logger, queued);
        }

        return queued;
    }
}
