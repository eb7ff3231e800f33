using CarbonVoice.Sdk.Connector.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CarbonVoice.Sdk.Connector;

/// <summary>The default <see cref="ICarbonVoiceIngestionService"/>.</summary>
public sealed class CarbonVoiceIngestionService : ICarbonVoiceIngestionService
{
    private readonly IRawDataStore _raw;
    private readonly IChunkStore _chunks;
    private readonly ISyncStateStore _state;
    private readonly IPillarMapper _pillars;
    private readonly ITokenCounter _counter;
    private readonly IngestionOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates the service.</summary>
    /// <param name="raw">The raw records.</param>
    /// <param name="chunks">The chunk store.</param>
    /// <param name="state">The sync log, watermark and lease.</param>
    /// <param name="pillars">The pillar mapper.</param>
    /// <param name="counter">The token counter.</param>
    /// <param name="options">The options.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="logger">The logger.</param>
    public CarbonVoiceIngestionService(IRawDataStore raw, IChunkStore chunks, ISyncStateStore state, IPillarMapper pillars, ITokenCounter counter, IOptions<IngestionOptions> options, TimeProvider? timeProvider = null, ILogger<CarbonVoiceIngestionService>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentNullException.ThrowIfNull(chunks);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(pillars);
        ArgumentNullException.ThrowIfNull(counter);
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        if (_options.MaxTokens < 32 || _options.OverlapTokens < 0 || _options.OverlapTokens >= _options.MaxTokens / 2)
        {
            throw new OptionsValidationException(nameof(IngestionOptions), typeof(IngestionOptions), ["MaxTokens must be at least 32 and OverlapTokens between 0 and half of MaxTokens."]);
        }

        // Store failures surface as ConnectorStoreException: they stop the run and are recorded without the store's text.
        _raw = ConnectorStoreGuard.Wrap(raw);
        _chunks = ConnectorStoreGuard.Wrap(chunks);
        _state = ConnectorStoreGuard.Wrap(state);
        _pillars = pillars;
        _counter = counter;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger<CarbonVoiceIngestionService>.Instance;
    }

    /// <inheritdoc />
    public Task<SyncRun> IngestAsync(string tenantId, string connectorId, CancellationToken cancellationToken)
        => IngestAsync(tenantId, connectorId, null, cancellationToken);

    /// <inheritdoc />
    public async Task<SyncRun> IngestAsync(string tenantId, string connectorId, IProgress<IngestionProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectorId);
        var lease = await LeaseKeeper.AcquireAsync(_state, tenantId, SyncLease.KeyOf(connectorId, SyncKind.Ingestion), _options.LeaseDuration, _time, cancellationToken, _logger).ConfigureAwait(false);
        await using (lease.ConfigureAwait(false))
        {
            // Holding the lease, every other ingestion of the connector still marked running is dead: it is marked interrupted.
            await DeadRuns.InterruptPredecessorsAsync(_state, tenantId, connectorId, ingestion: true, lease.Holder, _logger, cancellationToken).ConfigureAwait(false);
            var run = await _state.StartRunAsync(tenantId, connectorId, SyncKind.Ingestion, null, lease.Holder, cancellationToken).ConfigureAwait(false);
            var tracker = new RunTracker(run, _options.MaxRecordedErrors, _time);
            var reporter = new IngestionReporter(tracker, progress);
            reporter.Report(IngestionPhase.Starting);
            SyncRun final;
            try
            {
                var runToken = lease.StartRenewing(cancellationToken);
                await RunAsync(tenantId, connectorId, tracker, reporter, lease, runToken).ConfigureAwait(false);

                // Only a run that still holds its lease reports success (one whose lease lapsed may have been marked interrupted).
                await lease.EnsureHeldAsync(runToken).ConfigureAwait(false);
                final = tracker.Snapshot(SyncRunStatus.Succeeded, finished: true);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                final = tracker.Snapshot(SyncRunStatus.Cancelled, "Cancelled.", finished: true);
            }
            catch (Exception ex) when (lease.IsLost && ex is OperationCanceledException or ConnectorBusyException)
            {
                tracker.Error("lease", null, null, "The connector's ingestion lease was lost.", countAsFailedItem: false);
                final = tracker.Snapshot(SyncRunStatus.Failed, "The connector's ingestion lease was lost; the next ingestion resumes from the watermark.", finished: true);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                Log.IngestionFailed(_logger, ex, tenantId, connectorId);
                tracker.Error("ingestion", null, null, ex.Message, countAsFailedItem: false);
                final = tracker.Snapshot(SyncRunStatus.Failed, ex.Message, finished: true);
            }

            // The end is always reported: saved (retried with backoff), or, when the store keeps refusing, as interrupted.
            final = await FinalRunRecorder.SaveAsync(_state, final, _time, _logger).ConfigureAwait(false);
            reporter.Completed(final);
            Log.IngestionFinished(_logger, tenantId, connectorId, final.Status, final.ErrorCount);
            return final;
        }
    }

    private async Task RunAsync(string tenantId, string connectorId, RunTracker tracker, IngestionReporter reporter, LeaseKeeper lease, CancellationToken cancellationToken)
    {
        var startWatermark = await _state.GetIngestionWatermarkAsync(tenantId, connectorId, cancellationToken).ConfigureAwait(false);
        var chunker = new TokenChunker(_counter);
        var pass = new IngestionPass(
            tenantId,
            connectorId,
            startWatermark,
            _raw,
            _chunks,
            new ChunkFactory(_pillars),
            chunker,
            new ConversationTranscriptBuilder(chunker, _options),
            _options,
            tracker,
            (entity, id, reason) => Log.Quarantined(_logger, tenantId, connectorId, entity, id, reason));
        var watermark = startWatermark;
        var dirty = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            await lease.RenewIfDueAsync(cancellationToken).ConfigureAwait(false);
            var page = await _raw.ReadChangedHeadersSinceAsync(tenantId, connectorId, watermark, _options.ReadPageSize, cancellationToken).ConfigureAwait(false);
            foreach (var change in page.Items)
            {
                await pass.ProcessAsync(change, dirty, cancellationToken).ConfigureAwait(false);
            }

            watermark = page.NextWatermark;
            reporter.Report(IngestionPhase.Reading);
            if (dirty.Count >= _options.ConversationFlushThreshold || !page.HasMore)
            {
                var batch = dirty.Order(StringComparer.Ordinal).ToList();
                await lease.RenewIfDueAsync(cancellationToken).ConfigureAwait(false);
                await pass.RebuildConversationsAsync(
                    batch,
                    async done =>
                    {
                        reporter.Report(IngestionPhase.Conversations, Math.Round(100.0 * done / batch.Count, 1));
                        await lease.RenewIfDueAsync(cancellationToken).ConfigureAwait(false);
                    },
                    cancellationToken).ConfigureAwait(false);

                dirty.Clear();
                await _state.SetIngestionWatermarkAsync(tenantId, connectorId, watermark, cancellationToken).ConfigureAwait(false);
            }

            if (!page.HasMore)
            {
                break;
            }
        }
    }
}
