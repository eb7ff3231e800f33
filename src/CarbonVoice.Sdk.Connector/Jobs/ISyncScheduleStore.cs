namespace CarbonVoice.Sdk.Connector;

/// <summary>
/// Which connectors sync on a schedule, and when next. Any number of schedulers may share it: <see cref="ClaimDueAsync"/>
/// hands each due schedule to one of them (atomic across processes for shared stores), for a short claim only, so a
/// scheduler that dies after claiming delays that sync by at most the claim.
/// </summary>
public interface ISyncScheduleStore
{
    /// <summary>Creates or replaces a connector's schedule.</summary>
    /// <param name="schedule">The schedule.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task SetAsync(SyncSchedule schedule, CancellationToken cancellationToken = default);

    /// <summary>Removes a connector's schedule (a disconnect); nothing when there is none.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="connectorId">The connector.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task RemoveAsync(string tenantId, string connectorId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims up to <paramref name="limit"/> schedules due at <paramref name="now"/>: each is moved to <c>now + claim</c> in the
    /// same atomic step, so no other scheduler claims it meanwhile; <see cref="CompleteAsync"/> then moves it a whole interval on.
    /// </summary>
    /// <param name="now">The current time.</param>
    /// <param name="claim">How long a claimed schedule is held before it is due again (when its scheduler died).</param>
    /// <param name="limit">The most schedules to claim.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The claimed schedules as they were (with the due time that made them due).</returns>
    Task<IReadOnlyList<SyncSchedule>> ClaimDueAsync(DateTimeOffset now, TimeSpan claim, int limit, CancellationToken cancellationToken = default);

    /// <summary>Moves a claimed schedule to its next due time (<paramref name="nextDueAt"/>), if it still exists.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="connectorId">The connector.</param>
    /// <param name="nextDueAt">The next due time.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task CompleteAsync(string tenantId, string connectorId, DateTimeOffset nextDueAt, CancellationToken cancellationToken = default);
}
