using Microsoft.Extensions.Logging;

namespace CarbonVoice.Sdk.Connector.Internal;

/// <summary>One sync run's work, shared by its phases (the partial files).</summary>
internal sealed partial class SyncPass
{
    private readonly string _tenantId;
    private readonly string _connectorId;
    private readonly ICarbonVoiceClient _client;
    private readonly IRawDataStore _raw;
    private readonly ISyncStateStore _state;
    private readonly SyncOptions _options;
    private readonly RunTracker _tracker;
    private readonly LeaseKeeper _lease;
    private readonly IReadOnlySet<string> _enabled;
    private readonly IProgress<SyncProgress>? _progress;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _progressGate = new();
    private readonly HashSet<string> _conversationIds = new(StringComparer.Ordinal);
    private readonly HashSet<string> _goneConversations = new(StringComparer.Ordinal);
    private readonly HashSet<string> _actionItemIds = new(StringComparer.Ordinal);
    private int _containerFailures;
    private SyncPhase _currentPhase = SyncPhase.Starting;

    public SyncPass(string tenantId, string connectorId, ICarbonVoiceClient client, IRawDataStore raw, ISyncStateStore state, SyncOptions options, RunTracker tracker, LeaseKeeper lease, IReadOnlySet<string> enabled, IReadOnlySet<string>? scope, bool isDelta, bool resume, string? fullMarker, string listedMarker, DateTimeOffset? since, IProgress<SyncProgress>? progress, TimeProvider time, ILogger logger)
    {
        _tenantId = tenantId;
        _connectorId = connectorId;
        _client = client;
        _raw = raw;
        _state = state;
        _options = options;
        _tracker = tracker;
        _lease = lease;
        _enabled = enabled;
        Scope = scope;
        IsDelta = isDelta;
        Resume = resume;
        FullMarker = fullMarker;
        ListedMarker = listedMarker;
        Since = since;
        _progress = progress;
        _time = time;
        _logger = logger;
    }

    public bool IsDelta { get; }

    /// <summary>The conversations a scoped run is limited to; null for all.</summary>
    public IReadOnlySet<string>? Scope { get; }

    public bool Resume { get; }

    public DateTimeOffset? Since { get; }

    /// <summary>The full sync's marker (its first attempt's high-water mark), recorded per conversation once swept; null for a delta.</summary>
    public string? FullMarker { get; }

    /// <summary>The value recorded per conversation listed in full outside a full sync (the run's high-water mark).</summary>
    public string ListedMarker { get; }

    /// <summary>The parent id of the user's own action items outside the synced conversations.</summary>
    public const string MineParent = "mine";

    public int ContainerFailures => Volatile.Read(ref _containerFailures);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        Report(SyncPhase.Starting, message: (IsDelta ? $"Delta sync since {Since:O}" : Resume ? "Full sync (resuming)" : "Full sync") + (Scope is null ? string.Empty : $" of {Scope.Count} conversation(s)"));
        Report(SyncPhase.User);
        await _client.Users.WhoAmIAsync(cancellationToken).ConfigureAwait(false);
        await LoadAttachmentRetriesAsync(cancellationToken).ConfigureAwait(false);

        var workspaces = await SyncWorkspacesAsync(cancellationToken).ConfigureAwait(false);
        var conversations = new List<(string Id, string WorkspaceId)>();
        foreach (var workspaceId in workspaces)
        {
            await SyncWorkspaceContentsAsync(workspaceId, conversations, cancellationToken).ConfigureAwait(false);
        }

        if (Scope is not null)
        {
            conversations.RemoveAll(c => !Scope.Contains(c.Id));
        }

        if (_enabled.Contains(CarbonVoiceEntities.Message) || _enabled.Contains(CarbonVoiceEntities.ConversationSummary) || _enabled.Contains(CarbonVoiceEntities.ActionItem))
        {
            await SyncConversationsAsync(conversations, cancellationToken).ConfigureAwait(false);
        }

        if (_enabled.Contains(CarbonVoiceEntities.ActionItem) && Scope is null)
        {
            await SyncMyActionItemsAsync(workspaces, cancellationToken).ConfigureAwait(false);
        }

        if (IsDelta && Since is { } since && _enabled.Contains(CarbonVoiceEntities.Message))
        {
            var live = conversations.Select(c => c.Id).Where(id => !IsGone(id)).ToHashSet(StringComparer.Ordinal);
            await SyncChangesAsync(since, live, cancellationToken).ConfigureAwait(false);
        }

        if (AttachmentsEnabled && _options.FetchTextAttachments)
        {
            await RetryAttachmentsAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private RawRecordKey Key(string entityType, string externalId) => new(_tenantId, _connectorId, entityType, externalId);

    private async Task StoreAsync(string entityType, List<RawRecordUpsert> records, CancellationToken cancellationToken)
    {
        if (records.Count == 0)
        {
            return;
        }

        await _lease.RenewIfDueAsync(cancellationToken).ConfigureAwait(false);
        Count(entityType, await _raw.UpsertAsync(records, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// Upserts the records and sets the checkpoint that covers them (see <see cref="CheckpointedWrites"/>); the records are
    /// counted once stored, so a checkpoint written apart from them that fails still leaves them counted.
    /// </summary>
    private async Task StoreAsync(string entityType, List<RawRecordUpsert> records, CheckpointWrite checkpoint, CancellationToken cancellationToken)
    {
        if (records.Count > 0)
        {
            await _lease.RenewIfDueAsync(cancellationToken).ConfigureAwait(false);
        }

        await CheckpointedWrites.UpsertAsync(_raw, _state, records, checkpoint, results => Count(entityType, results), cancellationToken).ConfigureAwait(false);
    }

    private void Count(string entityType, IReadOnlyList<RawUpsertResult> results)
    {
        foreach (var result in results)
        {
            _tracker.Count(entityType, result.Outcome);
        }
    }

    private async Task TombstoneAsync(string entityType, List<RawRecordKey> keys, CancellationToken cancellationToken)
    {
        if (keys.Count == 0)
        {
            return;
        }

        var results = await _raw.TombstoneAsync(keys, cancellationToken).ConfigureAwait(false);
        _tracker.Add(entityType, new EntitySyncCounts { Fetched = keys.Count, Deleted = results.Count(r => r.Outcome == UpsertOutcome.Changed) });
    }

    /// <summary>Builds a record, or records the item as failed and returns null (one bad item never stops the rest).</summary>
    private RawRecordUpsert? Build<T>(string entityType, string? externalId, T model, string? parentId, DateTimeOffset? sourceUpdatedAt)
    {
        if (string.IsNullOrWhiteSpace(externalId))
        {
            RecordError("build", entityType, null, "The item has no id.", container: false);
            return null;
        }

        try
        {
            return RawRecordUpsert.FromJson(Key(entityType, externalId), RawJson.Serialize(model), parentId, sourceUpdatedAt);
        }
        catch (Exception ex) when (ex is NotSupportedException or InvalidOperationException or ArgumentException)
        {
            RecordError("build", entityType, externalId, ex.Message, container: false);
            return null;
        }
    }

    private void RecordError(string phase, string? entityType, string? externalId, string message, bool container)
    {
        if (container)
        {
            Interlocked.Increment(ref _containerFailures);
        }

        var error = _tracker.Error(phase, entityType, externalId, message);
        Log.SyncItemFailed(_logger, _tenantId, _connectorId, phase, entityType, externalId, message);
        Report(_currentPhase, entityType, error: error);
    }

    private void Report(SyncPhase phase, string? entityType = null, double? percent = null, SyncError? error = null, string? message = null)
    {
        if (error is null)
        {
            _currentPhase = phase;
        }

        if (_progress is null)
        {
            return;
        }

        lock (_progressGate)
        {
            _progress.Report(new SyncProgress(_tracker.Run.Id, phase)
            {
                EntityType = entityType,
                Counts = _tracker.CountsSnapshot(),
                Percent = percent,
                Error = error,
                ErrorCount = _tracker.ErrorCount,
                Message = message,
            });
        }
    }

    private static bool IsRunStopping(Exception exception)
        => exception is OperationCanceledException or CarbonVoiceAuthenticationException or ConnectorBusyException or ConnectorStoreException or OutOfMemoryException;
}
