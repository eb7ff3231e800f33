using CarbonVoice.Sdk.Internal;

namespace CarbonVoice.Sdk;

/// <summary>The default <see cref="IDataExportsClient"/>. Members are virtual so tests can override them.</summary>
public class DataExportsClient : IDataExportsClient
{
    private readonly CarbonVoiceConnection _connection;

    /// <summary>For mocking.</summary>
    protected DataExportsClient()
    {
        _connection = null!;
    }

    internal DataExportsClient(CarbonVoiceConnection connection) => _connection = connection;

    /// <inheritdoc />
    public virtual Task<ExportJob> ExportConversationsAsync(ExportConversationsRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Require(request.WorkspaceId, nameof(ExportConversationsRequest.WorkspaceId), nameof(request));
        if (request.StartDate > request.EndDate)
        {
            throw new ArgumentException($"The request's StartDate ({request.StartDate:O}) is after its EndDate ({request.EndDate:O}).", nameof(request));
        }

        return _connection.PostAsync(
            "POST /data-exporter/conversations",
            PathBuilder.Format("data-exporter/conversations"),
            request,
            CarbonVoiceJsonContext.Default.ExportConversationsRequest,
            CarbonVoiceJsonContext.Default.ExportJob,
            idempotent: false,
            cancellationToken,
            wrapper: "export");
    }

    /// <inheritdoc />
    public virtual Task<ExportJob> ExportUsersAsync(ExportUsersRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Require(request.WorkspaceId, nameof(ExportUsersRequest.WorkspaceId), nameof(request));
        return _connection.PostAsync(
            "POST /data-exporter/users",
            PathBuilder.Format("data-exporter/users"),
            request,
            CarbonVoiceJsonContext.Default.ExportUsersRequest,
            CarbonVoiceJsonContext.Default.ExportJob,
            idempotent: false,
            cancellationToken,
            wrapper: "export");
    }

    /// <inheritdoc />
    public virtual Task<ExportJob> GetAsync(string exportId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(exportId);
        return _connection.GetAsync("GET /data-exporter/{id}", PathBuilder.Format("data-exporter/{0}", exportId), CarbonVoiceJsonContext.Default.ExportJob, cancellationToken, wrapper: "export");
    }

    /// <inheritdoc />
    public virtual async Task<ExportJob> WaitForCompletionAsync(string exportId, TimeSpan pollInterval, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(exportId);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(pollInterval, TimeSpan.Zero);
        var time = timeProvider ?? _connection.Time;
        while (true)
        {
            var job = await GetAsync(exportId, cancellationToken).ConfigureAwait(false);
            if (IsStatus(job, ExportJobStatuses.Done) || IsStatus(job, "completed"))
            {
                return job;
            }

            if (IsStatus(job, ExportJobStatuses.Failed) || IsStatus(job, "error"))
            {
                var reason = string.IsNullOrWhiteSpace(job.Error) ? "the service gave no reason" : Redactor.Excerpt(job.Error);
                throw new CarbonVoiceException($"Carbon Voice data export '{exportId}' failed: {reason}");
            }

            await Task.Delay(pollInterval, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool IsStatus(ExportJob job, string status) => string.Equals(job.Status, status, StringComparison.OrdinalIgnoreCase);

    private static void Require(string? value, string property, string parameter)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"The request's {property} is required and cannot be blank.", parameter);
        }
    }
}
