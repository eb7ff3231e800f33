namespace CarbonVoice.Sdk;

/// <summary>Data exports: asynchronous exports of conversations or users, polled until done.</summary>
public interface IDataExportsClient
{
    /// <summary>Starts an export of conversations (<c>POST /data-exporter/conversations</c>, listed by the integration guide only: the shape is a guess read leniently). Not retried after a transient fault: it could start a duplicate export.</summary>
    /// <param name="request">What to export.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is null.</exception>
    /// <exception cref="ArgumentException">The workspace id is blank, or the start date is after the end date.</exception>
    Task<ExportJob> ExportConversationsAsync(ExportConversationsRequest request, CancellationToken cancellationToken = default);

    /// <summary>Starts an export of users (<c>POST /data-exporter/users</c>, listed by the integration guide only). Not retried after a transient fault: it could start a duplicate export.</summary>
    /// <param name="request">What to export.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is null.</exception>
    /// <exception cref="ArgumentException">The workspace id is blank.</exception>
    Task<ExportJob> ExportUsersAsync(ExportUsersRequest request, CancellationToken cancellationToken = default);

    /// <summary>Reads an export job (<c>GET /data-exporter/{id}</c>, listed by the integration guide only).</summary>
    /// <param name="exportId">The export id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentException"><paramref name="exportId"/> is null or blank.</exception>
    /// <exception cref="CarbonVoiceNotFoundException">No such export.</exception>
    Task<ExportJob> GetAsync(string exportId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Polls an export (<c>GET /data-exporter/{id}</c>, listed by the integration guide only) every <paramref name="pollInterval"/> until its status is
    /// <c>done</c>, and returns the finished job. Bound the wait with <paramref name="cancellationToken"/>.
    /// </summary>
    /// <param name="exportId">The export id.</param>
    /// <param name="pollInterval">The delay between polls (positive).</param>
    /// <param name="timeProvider">The clock the delays are taken from; the client's own clock (the registered <see cref="TimeProvider"/>) when null.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <exception cref="ArgumentException"><paramref name="exportId"/> is null or blank.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pollInterval"/> is not positive.</exception>
    /// <exception cref="CarbonVoiceException">The export failed; the message carries the job's error text.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled before the export finished.</exception>
    Task<ExportJob> WaitForCompletionAsync(string exportId, TimeSpan pollInterval, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default);
}
