using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace CarbonVoice.Sdk.Connector;

/// <summary>
/// Turns a job's sync or ingestion progress events into <see cref="RunProgressEntry"/> rows of an
/// <see cref="IRunProgressStore"/>, off the run's thread (the services call <c>Report</c> synchronously): the first event and
/// the final entry are always written, the ones between at most once per interval. Write failures are logged and dropped.
/// </summary>
internal sealed class RunProgressWriter : IProgress<SyncProgress>, IProgress<IngestionProgress>, IAsyncDisposable
{
    private readonly IRunProgressStore? _store;
    private readonly ConnectorJob _job;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Channel<RunProgressEntry> _pending = Channel.CreateUnbounded<RunProgressEntry>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _pump;
    private DateTimeOffset _lastWritten = DateTimeOffset.MinValue;
    private string? _runId;

    public RunProgressWriter(IRunProgressStore? store, ConnectorJob job, TimeSpan interval, TimeProvider time, ILogger logger)
    {
        _store = store;
        _job = job;
        _interval = interval;
        _time = time;
        _logger = logger;
        _pump = store is null ? Task.CompletedTask : Task.Run(PumpAsync);
    }

    public string? RunId => Volatile.Read(ref _runId);

    private SyncKind Kind => _job.Kind == ConnectorJobKind.Ingestion ? SyncKind.Ingestion : _job.Mode == SyncMode.Full ? SyncKind.Full : SyncKind.Delta;

    public void Report(SyncProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Phase == SyncPhase.Completed || !IsDue(value.RunId))
        {
            return; // the final entry comes from the run record
        }

        Write(value.RunId, value.Phase.ToString().ToLowerInvariant(), value.EntityType, value.Counts.Values.Sum(c => c.Fetched), value.Percent, value.Error?.Message ?? value.Message);
    }

    public void Report(IngestionProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Phase == IngestionPhase.Completed || !IsDue(value.RunId))
        {
            return;
        }

        Write(value.RunId, value.Phase == IngestionPhase.Conversations ? "chunking" : value.Phase.ToString().ToLowerInvariant(), null, value.RecordsRead, value.Percent, value.Message ?? $"{value.ChunksWritten} chunks written, {value.ChunksDeleted} deleted");
    }

    /// <summary>Writes the job's last entry: the run's final status, or that the connector was busy.</summary>
    public void Final(SyncRun? run, DateTimeOffset? busyUntil = null, string? busyRunId = null, string? message = null)
    {
        if (_store is null)
        {
            return;
        }

        var entry = Entry(run?.Id ?? busyRunId ?? RunId, null, null, run?.Counts.Values.Sum(c => c.Fetched) ?? 0, run?.Status == SyncRunStatus.Succeeded ? 100 : null, message ?? run?.StatusMessage) with
        {
            Kind = run?.Kind ?? Kind,
            Status = run?.Status ?? SyncRunStatus.Running,
            IsFinal = true,
            BusyUntil = busyUntil,
            Phase = busyUntil is null ? "completed" : "busy",
        };
        _pending.Writer.TryWrite(entry);
    }

    public async ValueTask DisposeAsync()
    {
        _pending.Writer.TryComplete();
        await _pump.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>
    /// Whether an event is written: the first one, then at most one per interval (the run's id is noted either way); never
    /// without a store. Checked before the entry is built, so events in between cost nothing.
    /// </summary>
    private bool IsDue(string runId)
    {
        var first = Interlocked.CompareExchange(ref _runId, runId, null) is null;
        var now = _time.GetUtcNow();
        if (_store is null || (!first && now - _lastWritten < _interval))
        {
            return false;
        }

        _lastWritten = now;
        return true;
    }

    private void Write(string runId, string phase, string? entity, long processed, double? percent, string? message)
        => _pending.Writer.TryWrite(Entry(runId, phase, entity, processed, percent is null ? null : Math.Min(99.9, percent.Value), message));

    private RunProgressEntry Entry(string? runId, string? phase, string? entity, long processed, double? percent, string? message) => new()
    {
        TenantId = _job.TenantId,
        ConnectorId = _job.ConnectorId,
        JobId = _job.JobId,
        RunId = runId,
        Kind = Kind,
        Phase = phase,
        EntityType = entity,
        Processed = processed,
        Percent = percent,
        Message = message,
        At = _time.GetUtcNow(),
    };

    private async Task PumpAsync()
    {
        await foreach (var entry in _pending.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                await _store!.AppendAsync(entry, CancellationToken.None).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // progress is best effort: a failed write never fails the run
            catch (Exception exception)
#pragma warning restore CA1031
            {
                JobLog.ProgressWriteFailed(_logger, exception, _job.JobId);
            }
        }
    }
}
