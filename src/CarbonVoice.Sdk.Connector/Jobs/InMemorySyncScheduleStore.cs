namespace CarbonVoice.Sdk.Connector;

/// <summary>An <see cref="ISyncScheduleStore"/> in process memory (one scheduler process, tests).</summary>
public sealed class InMemorySyncScheduleStore : ISyncScheduleStore
{
    private readonly Dictionary<(string, string), SyncSchedule> _schedules = [];
    private readonly Lock _gate = new();

    /// <inheritdoc />
    public Task SetAsync(SyncSchedule schedule, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(schedule.Interval, TimeSpan.Zero);
        lock (_gate)
        {
            _schedules[(schedule.TenantId, schedule.ConnectorId)] = schedule;
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task RemoveAsync(string tenantId, string connectorId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _schedules.Remove((tenantId, connectorId));
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<SyncSchedule>> ClaimDueAsync(DateTimeOffset now, TimeSpan claim, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        lock (_gate)
        {
            var due = _schedules.Values.Where(s => s.NextDueAt <= now).OrderBy(s => s.NextDueAt).Take(limit).ToList();
            foreach (var schedule in due)
            {
                _schedules[(schedule.TenantId, schedule.ConnectorId)] = schedule with { NextDueAt = now + claim };
            }

            return Task.FromResult<IReadOnlyList<SyncSchedule>>(due);
        }
    }

    /// <inheritdoc />
    public Task CompleteAsync(string tenantId, string connectorId, DateTimeOffset nextDueAt, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_schedules.TryGetValue((tenantId, connectorId), out var schedule))
            {
                _schedules[(tenantId, connectorId)] = schedule with { NextDueAt = nextDueAt };
            }
        }

        return Task.CompletedTask;
    }
}
