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
    public async Task<SyncRun> IngestAsync(string tenantId, string connectorId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectorId);
        var lease = await LeaseKeeper.AcquireAsync(_state, tenantId, connectorId + "#ingestion", _options.LeaseDuration, _time, cancellationToken).ConfigureAwait(false);
        await using (lease.ConfigureAwait(false))
        {
            var run = await _state.StartRunAsync(tenantId, connectorId, SyncKind.Ingestion, cancellationToken: cancellationToken).ConfigureAwait(false);
            var tracker = new RunTracker(run, _options.MaxRecordedErrors, _time);
            SyncRun final;
            try
            {
                var runToken = lease.StartRenewing(cancellationToken);
                await RunAsync(tenantId, connectorId, tracker, lease, runToken).ConfigureAwait(false);
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
            Log.IngestionFinished(_logger, tenantId, connectorId, final.Status, final.ErrorCount);
            return final;
        }
    }

    private async Task RunAsync(string tenantId, string connectorId, RunTracker tracker, LeaseKeeper lease, CancellationToken cancellationToken)
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
            if (dirty.Count >= _options.ConversationFlushThreshold || !page.HasMore)
            {
                foreach (var conversationId in dirty.Order(StringComparer.Ordinal))
                {
                    await lease.RenewIfDueAsync(cancellationToken).ConfigureAwait(false);
                    await pass.RebuildConversationAsync(conversationId, cancellationToken).ConfigureAwait(false);
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
