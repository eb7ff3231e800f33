using System.Globalization;
using CarbonVoice.Sdk.Connector.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CarbonVoice.Sdk.Connector;

/// <summary>The default <see cref="ICarbonVoiceSyncService"/>.</summary>
public sealed class CarbonVoiceSyncService : ICarbonVoiceSyncService
{
    private readonly IRawDataStore _raw;
    private readonly ISyncStateStore _state;
    private readonly SyncOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ICarbonVoiceClientFactory? _clients;
    private readonly IIngestionQueue? _queue;

    /// <summary>Creates the service.</summary>
    /// <param name="raw">The raw data store.</param>
    /// <param name="state">The sync log, checkpoints and lease.</param>
    /// <param name="options">The options.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="logger">The logger.</param>
    /// <param name="clients">Creates SDK clients per connection, for <see cref="SyncAsync(SyncRequest, IProgress{SyncProgress}?, CancellationToken)"/>.</param>
    /// <param name="queue">Receives an ingestion request after each sync, when <see cref="SyncOptions.EnqueueIngestionAfterSync"/> is on.</param>
    public CarbonVoiceSyncService(IRawDataStore raw, ISyncStateStore state, IOptions<SyncOptions> options, TimeProvider? timeProvider = null, ILogger<CarbonVoiceSyncService>? logger = null, ICarbonVoiceClientFactory? clients = null, IIngestionQueue? queue = null)
    {
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(options);
        // Store failures surface as ConnectorStoreException: they stop the run and are recorded without the store's text.
        _raw = ConnectorStoreGuard.Wrap(raw);
        _state = ConnectorStoreGuard.Wrap(state);
        _options = options.Value;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger<CarbonVoiceSyncService>.Instance;
        _clients = clients;
        _queue = queue;
    }

    /// <inheritdoc />
    public Task<SyncRun> SyncAsync(SyncRequest request, IProgress<SyncProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var factory = _clients ?? throw new InvalidOperationException("No ICarbonVoiceClientFactory is registered; call AddCarbonVoice(...) or pass a client.");
        return SyncAsync(factory.CreateClient(request.ConnectorId), request, progress, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<SyncRun> SyncAsync(ICarbonVoiceClient client, SyncRequest request, IProgress<SyncProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.TenantId);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.ConnectorId);
        var (tenant, connector) = (request.TenantId, request.ConnectorId);
        var scope = request.ConversationIds?.Where(id => !string.IsNullOrWhiteSpace(id)).ToHashSet(StringComparer.Ordinal);
        if (scope is { Count: 0 })
        {
            throw new ArgumentException("ConversationIds must name at least one conversation; use null for all.", nameof(request));
        }

        // The high-water mark is taken before anything is read, so writes made during the sync are caught by the next one.
        var highWaterMark = _time.GetUtcNow() - _options.HighWaterMarkSafetyMargin;
        var lease = await LeaseKeeper.AcquireAsync(_state, tenant, connector, _options.LeaseDuration, _time, cancellationToken, _logger).ConfigureAwait(false);
        await using (lease.ConfigureAwait(false))
        {
            // Holding the lease, every other sync of the connector still marked running is dead: it is marked interrupted.
            await DeadRuns.InterruptPredecessorsAsync(_state, tenant, connector, ingestion: false, lease.Holder, _logger, cancellationToken).ConfigureAwait(false);

            // The lease is renewed in the background for the whole run; losing it cancels the run.
            var callerToken = cancellationToken;
            cancellationToken = lease.StartRenewing(callerToken);
            await MigrateCheckpointsAsync(tenant, connector, cancellationToken).ConfigureAwait(false);
            var enabled = request.EnabledEntities ?? await GetEnabledEntitiesAsync(tenant, connector, cancellationToken).ConfigureAwait(false);
            var last = ParseTime(await _state.GetCheckpointAsync(tenant, connector, SyncScopes.HighWaterMark, cancellationToken).ConfigureAwait(false));
            var pendingFull = ParseTime(await _state.GetCheckpointAsync(tenant, connector, SyncScopes.FullPending, cancellationToken).ConfigureAwait(false));
            // A conversation-scoped run never finishes (nor starts) a connector-wide full sync.
            var isDelta = request.Mode != SyncMode.Full && last is not null && (pendingFull is null || scope is not null);
            if (!isDelta && scope is null)
            {
                if (pendingFull is { } earlier && earlier < highWaterMark)
                {
                    highWaterMark = earlier;
                }
                else
                {
                    await _state.SetCheckpointAsync(tenant, connector, SyncScopes.FullPending, Format(highWaterMark), cancellationToken).ConfigureAwait(false);
                }
            }

            var run = await _state.StartRunAsync(tenant, connector, isDelta ? SyncKind.Delta : SyncKind.Full, highWaterMark, lease.Holder, cancellationToken).ConfigureAwait(false);
            var tracker = new RunTracker(run, _options.MaxRecordedErrors, _time);
            var pass = new SyncPass(tenant, connector, client, _raw, _state, _options, tracker, lease, enabled, scope, isDelta, resume: pendingFull is not null && scope is null, fullMarker: isDelta || scope is not null ? null : Format(highWaterMark), listedMarker: Format(highWaterMark), last, progress, _time, _logger);
            var outcome = await ExecuteAsync(pass, tracker, lease, request, highWaterMark, callerToken, cancellationToken).ConfigureAwait(false);

            // The end is always reported: saved (retried with backoff), or, when the store keeps refusing, as interrupted.
            var final = await FinalRunRecorder.SaveAsync(_state, outcome, _time, _logger).ConfigureAwait(false);
            progress?.Report(new SyncProgress(final.Id, SyncPhase.Completed) { Counts = final.Counts, ErrorCount = final.ErrorCount, Status = final.Status, Message = final.StatusMessage, Percent = final.Status == SyncRunStatus.Succeeded ? 100 : null });
            Log.SyncFinished(_logger, final.Kind, tenant, connector, final.Status, final.ErrorCount);
            if (_options.EnqueueIngestionAfterSync && _queue is not null && outcome.Status is SyncRunStatus.Succeeded or SyncRunStatus.Failed)
            {
                await EnqueueIngestionAsync(_queue, new IngestionRequest(tenant, connector) { RequestedAt = _time.GetUtcNow(), CorrelationId = final.Id }, callerToken).ConfigureAwait(false);
            }

            return final;
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlySet<string>> GetEnabledEntitiesAsync(string tenantId, string connectorId, CancellationToken cancellationToken = default)
    {
        var saved = await _state.GetCheckpointAsync(tenantId, connectorId, SyncScopes.EnabledEntities, cancellationToken).ConfigureAwait(false);
        return saved is null ? CarbonVoiceEntities.DefaultEnabled : saved.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
    }

    /// <inheritdoc />
    public Task SetEnabledEntitiesAsync(string tenantId, string connectorId, IEnumerable<string> entityKeys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entityKeys);
        var keys = entityKeys.Distinct(StringComparer.Ordinal).ToList();
        if (keys.FirstOrDefault(k => CarbonVoiceEntities.Find(k) is null) is { } unknown)
        {
            throw new ArgumentException($"Unknown entity '{unknown}'.", nameof(entityKeys));
        }

        return _state.SetCheckpointAsync(tenantId, connectorId, SyncScopes.EnabledEntities, string.Join(',', keys), cancellationToken);
    }

    /// <summary>
    /// Brings the checkpoints of a connector synced by an earlier version up to <see cref="SyncScopes.CurrentFormat"/>: its
    /// per-conversation sequence cursors and pending-transcript lists rested on a field only the emulator sent, so they are
    /// dropped with the high-water mark and the next run is a full sync on the v6 feeds. Idempotent: a crash midway redoes it.
    /// </summary>
    private async Task MigrateCheckpointsAsync(string tenantId, string connectorId, CancellationToken cancellationToken)
    {
        if (await _state.GetCheckpointAsync(tenantId, connectorId, SyncScopes.Format, cancellationToken).ConfigureAwait(false) == SyncScopes.CurrentFormat)
        {
            return;
        }

        var checkpoints = await _state.ListCheckpointsAsync(tenantId, connectorId, string.Empty, cancellationToken).ConfigureAwait(false);
        var legacy = checkpoints.Keys.Where(scope => SyncScopes.LegacyPrefixes.Any(prefix => scope.StartsWith(prefix, StringComparison.Ordinal))).ToList();
        if (legacy.Count > 0 || checkpoints.ContainsKey(SyncScopes.HighWaterMark))
        {
            foreach (var scope in legacy)
            {
                await _state.SetCheckpointAsync(tenantId, connectorId, scope, null, cancellationToken).ConfigureAwait(false);
            }

            await _state.SetCheckpointAsync(tenantId, connectorId, SyncScopes.HighWaterMark, null, cancellationToken).ConfigureAwait(false);
            Log.CheckpointsMigrated(_logger, tenantId, connectorId, legacy.Count);
        }

        await _state.SetCheckpointAsync(tenantId, connectorId, SyncScopes.Format, SyncScopes.CurrentFormat, cancellationToken).ConfigureAwait(false);
    }

    private async Task<SyncRun> ExecuteAsync(SyncPass pass, RunTracker tracker, LeaseKeeper lease, SyncRequest request, DateTimeOffset highWaterMark, CancellationToken callerToken, CancellationToken cancellationToken)
    {
        try
        {
            await pass.RunAsync(cancellationToken).ConfigureAwait(false);
            if (pass.ContainerFailures > 0)
            {
                return tracker.Snapshot(SyncRunStatus.Failed, $"{pass.ContainerFailures} workspace or conversation listings failed; the next run resumes them.", finished: true);
            }

            // Only the run that still holds the lease may commit the high-water mark; a conversation-scoped run never does.
            await lease.EnsureHeldAsync(cancellationToken).ConfigureAwait(false);
            if (request.ConversationIds is not null)
            {
                return tracker.Snapshot(SyncRunStatus.Succeeded, finished: true);
            }

            await _state.SetCheckpointAsync(request.TenantId, request.ConnectorId, SyncScopes.HighWaterMark, Format(highWaterMark), cancellationToken).ConfigureAwait(false);
            if (!pass.IsDelta)
            {
                // A full sync read everything changed before its mark: the next delta starts from the mark, not from an older cursor.
                await _state.SetCheckpointAsync(request.TenantId, request.ConnectorId, SyncScopes.ChangesCursor, null, cancellationToken).ConfigureAwait(false);
            }

            await _state.SetCheckpointAsync(request.TenantId, request.ConnectorId, SyncScopes.FullPending, null, cancellationToken).ConfigureAwait(false);
            return tracker.Snapshot(SyncRunStatus.Succeeded, finished: true);
        }
        catch (OperationCanceledException) when (callerToken.IsCancellationRequested)
        {
            return tracker.Snapshot(SyncRunStatus.Cancelled, "Cancelled; the next run resumes from the checkpoints.", finished: true);
        }
        catch (Exception ex) when (lease.IsLost && ex is OperationCanceledException or ConnectorBusyException)
        {
            tracker.Error("lease", null, null, "The connector's lease was lost to another run.");
            return tracker.Snapshot(SyncRunStatus.Failed, "The connector's lease was lost to another run; the next run resumes from the checkpoints.", finished: true);
        }
        catch (CarbonVoiceAuthenticationException ex)
        {
            Log.SyncExpired(_logger, request.TenantId, request.ConnectorId);
            tracker.Error("authentication", null, null, ex.Message);
            return tracker.Snapshot(SyncRunStatus.Expired, "The connection's token expired or was revoked: the user must reconnect.", finished: true);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Log.SyncFailed(_logger, ex, request.TenantId, request.ConnectorId);
            tracker.Error("sync", null, null, ex.Message);
            return tracker.Snapshot(SyncRunStatus.Failed, ex.Message, finished: true);
        }
    }

    /// <summary>Queues the post-sync ingestion request, waiting at most <see cref="SyncOptions.IngestionEnqueueTimeout"/> for room (never failing the finished run).</summary>
    private async Task EnqueueIngestionAsync(IIngestionQueue queue, IngestionRequest request, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_options.IngestionEnqueueTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await queue.EnqueueAsync(request, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            var reason = cancellationToken.IsCancellationRequested ? "cancelled" : $"the queue stayed full for {_options.IngestionEnqueueTimeout}";
            Log.EnqueueSkipped(_logger, request.TenantId, request.ConnectorId, reason);
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.Threading.Channels.ChannelClosedException)
        {
            Log.EnqueueSkipped(_logger, request.TenantId, request.ConnectorId, ex.Message);
        }
    }

    private static string Format(DateTimeOffset time) => time.ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset? ParseTime(string? value)
        => DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time) ? time : null;
}
