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

        _raw = raw;
        _chunks = chunks;
        _state = state;
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
        var lease = await LeaseKeeper.AcquireAsync(_state, tenantId, connectorId + "#ingestion", _options.LeaseDuration, _time, cancellationToken).ConfigureAwait(false);
        await using (lease.ConfigureAwait(false))
        {
            var run = await _state.StartRunAsync(tenantId, connectorId, SyncKind.Ingestion, cancellationToken: cancellationToken).ConfigureAwait(false);
            var tracker = new RunTracker(run, _options.MaxRecordedErrors, _time);
            var reporter = new IngestionReporter(tracker, progress);
            reporter.Report(IngestionPhase.Starting);
            SyncRun final;
            try
            {
                var runToken = lease.StartRenewing(cancellationToken);
                await RunAsync(tenantId, connectorId, tracker, reporter, lease, runToken).ConfigureAwait(false);
                final = tracker.Snapshot(SyncRunStatus.Succeeded, finished: true);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                final = tracker.Snapshot(SyncRunStatus.Cancelled, "Cancelled.", finished: true);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                Log.IngestionFailed(_logger, ex, tenantId, connectorId);
                tracker.Error("ingestion", null, null, ex.Message, countAsFailedItem: false);
                final = tracker.Snapshot(SyncRunStatus.Failed, ex.Message, finished: true);
            }

            await _state.SaveRunAsync(final, CancellationToken.None).ConfigureAwait(false);
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
            new ChunkFactory(_pillars, _counter),
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
            var page = await _raw.ReadChangedSinceAsync(tenantId, connectorId, watermark, _options.ReadPageSize, cancellationToken).ConfigureAwait(false);
            foreach (var record in page.Items)
            {
                await pass.ProcessAsync(record, dirty, cancellationToken).ConfigureAwait(false);
            }

            watermark = page.NextWatermark;
            reporter.Report(IngestionPhase.Reading);
            if (dirty.Count >= _options.ConversationFlushThreshold || !page.HasMore)
            {
                var done = 0;
                var batch = dirty.Order(StringComparer.Ordinal).ToList();
                foreach (var conversationId in batch)
                {
                    await lease.RenewIfDueAsync(cancellationToken).ConfigureAwait(false);
                    await pass.RebuildConversationAsync(conversationId, cancellationToken).ConfigureAwait(false);
                    done++;
                    reporter.Report(IngestionPhase.Conversations, Math.Round(100.0 * done / batch.Count, 1));
                }

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
