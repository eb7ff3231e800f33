using System.Globalization;
using CarbonVoice.Sdk.Connector.Tests.Support;
using CarbonVoice.Sdk.Testing;
using Microsoft.Extensions.Options;
using static CarbonVoice.Sdk.Connector.Tests.Support.EmulatorHarness;

namespace CarbonVoice.Sdk.Connector.Tests.Sync;

/// <summary>
/// How a run ends as the sync log and the caller see it: its status, status message, errors and finish time for each way
/// it can end, the terminal progress event, the checkpoints it commits, and the ingestion request it queues.
/// </summary>
public sealed class SyncRunOutcomeTests : IDisposable
{
    private CarbonVoiceClient ClientThrough(EmulatorHarness h, string refusedPathSuffix, out PathFailingHandler handler)
    {
        handler = new PathFailingHandler(h.Emulator.CreateHandler(), refusedPathSuffix);
        _clients.Add(new CarbonVoiceClient(
            new CarbonVoiceOptions { BaseAddress = h.Emulator.BaseAddress, ClientId = "emulator-client", ClientSecret = "emulator-secret", RetryBaseDelay = TimeSpan.Zero },
            new StaticAccessTokenProvider(h.Emulator.IssueTokens(h.UserId).AccessToken),
            handler));
        return _clients[^1];
    }

    private readonly List<CarbonVoiceClient> _clients = [];

    public void Dispose()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }
    }

    [Fact]
    public async Task A_succeeded_run_is_finished_and_its_last_progress_event_is_complete()
    {
        await using var h = new EmulatorHarness();
        var progress = new RecordingProgress();

        var run = await h.SyncAsync(progress: progress);

        Assert.Equal(SyncRunStatus.Succeeded, run.Status);
        Assert.Equal(h.Time.GetUtcNow(), run.FinishedAt);
        var last = progress.Events[^1];
        Assert.Equal(SyncPhase.Completed, last.Phase);
        Assert.Equal(SyncRunStatus.Succeeded, last.Status);
        Assert.Equal(100, last.Percent);
    }

    [Fact]
    public async Task A_conversation_scoped_run_is_finished_without_committing_a_high_water_mark()
    {
        await using var h = new EmulatorHarness();
        var conversation = h.SyncedConversations()[0];

        var run = await h.Sync.SyncAsync(h.Client, new SyncRequest(TenantId, ConnectorId) { ConversationIds = [conversation.Id] });

        Assert.Equal(SyncRunStatus.Succeeded, run.Status);
        Assert.NotNull(run.FinishedAt);
        Assert.NotNull((await h.State.GetRunAsync(run.Id))!.FinishedAt);
        Assert.Null(await h.State.GetCheckpointAsync(TenantId, ConnectorId, "sync:hwm"));
    }

    [Fact]
    public async Task A_refused_workspace_listing_fails_the_run_names_the_workspace_and_commits_no_high_water_mark()
    {
        await using var h = new EmulatorHarness();
        var workspace = h.Emulator.Data.WorkspacesOf(h.UserId)[0];
        var client = ClientThrough(h, "/channels/" + workspace.Id, out var handler);
        var progress = new RecordingProgress();

        var run = await h.Sync.SyncAsync(client, new SyncRequest(TenantId, ConnectorId), progress);

        Assert.True(handler.Refused > 0);
        Assert.Equal(SyncRunStatus.Failed, run.Status);
        Assert.Equal("1 workspace or conversation listings failed; the next run resumes them.", run.StatusMessage);
        Assert.NotNull(run.FinishedAt);
        var error = Assert.Single(run.Errors);
        Assert.Equal("conversations", error.Phase);
        Assert.Equal(CarbonVoiceEntities.Channel, error.EntityType);
        Assert.Equal(workspace.Id, error.ExternalId);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        Assert.Contains(progress.Events, e => e.Error == error);
        Assert.Null(progress.Events[^1].Percent);
        Assert.Null(await h.State.GetCheckpointAsync(TenantId, ConnectorId, "sync:hwm"));
        Assert.NotNull(await h.Raw.GetAsync(new RawRecordKey(TenantId, ConnectorId, CarbonVoiceEntities.Workspace, workspace.Id)));
    }

    [Fact]
    public async Task A_refused_listing_of_my_action_items_fails_the_run_as_a_container_failure()
    {
        await using var h = new EmulatorHarness();
        var client = ClientThrough(h, "/action-items/mine", out var handler);

        var run = await h.Sync.SyncAsync(client, new SyncRequest(TenantId, ConnectorId));

        Assert.Equal(1, handler.Refused);
        Assert.Equal(SyncRunStatus.Failed, run.Status);
        Assert.Equal("1 workspace or conversation listings failed; the next run resumes them.", run.StatusMessage);
        var error = Assert.Single(run.Errors);
        Assert.Equal("action_items", error.Phase);
        Assert.Equal(CarbonVoiceEntities.ActionItem, error.EntityType);
        Assert.Equal("mine", error.ExternalId);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        Assert.Equal(1, run.Counts[CarbonVoiceEntities.ActionItem].Failed);
    }

    [Fact]
    public async Task An_expired_token_ends_the_run_as_expired_with_an_authentication_error()
    {
        await using var h = new EmulatorHarness();
        var client = h.CreateClient(new ExpiringTokenProvider(h.Emulator.IssueTokens(h.UserId).AccessToken));
        h.Emulator.Faults.Enqueue(FaultKind.TokenExpiredEarly, FaultKind.TokenExpiredEarly, FaultKind.TokenExpiredEarly);
        var progress = new RecordingProgress();

        var run = await h.Sync.SyncAsync(client, new SyncRequest(TenantId, ConnectorId), progress);

        Assert.Equal(SyncRunStatus.Expired, run.Status);
        Assert.Equal("The connection's token expired or was revoked: the user must reconnect.", run.StatusMessage);
        Assert.NotNull(run.FinishedAt);
        var error = Assert.Single(run.Errors);
        Assert.Equal("authentication", error.Phase);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        var last = progress.Events[^1];
        Assert.Equal(SyncPhase.Completed, last.Phase);
        Assert.Equal(run.StatusMessage, last.Message);
        Assert.Equal(1, last.ErrorCount);
        Assert.Null(last.Percent);
    }

    [Fact]
    public async Task A_cancelled_run_says_it_resumes_and_is_finished()
    {
        await using var h = new EmulatorHarness();
        using var cts = new CancellationTokenSource();
        var sync = new CarbonVoiceSyncService(new CancellingRawDataStore(h.Raw, 2, cts), h.State, Options.Create(h.SyncOptions), h.Time);

        var run = await sync.SyncAsync(h.Client, new SyncRequest(TenantId, ConnectorId), cancellationToken: cts.Token);

        Assert.Equal(SyncRunStatus.Cancelled, run.Status);
        Assert.Equal("Cancelled; the next run resumes from the checkpoints.", run.StatusMessage);
        Assert.NotNull(run.FinishedAt);
        Assert.Equal(SyncRunStatus.Cancelled, (await h.State.GetRunAsync(run.Id))!.Status);
    }

    [Fact]
    public async Task A_store_failure_fails_the_run_with_a_sync_error_that_carries_the_status_message()
    {
        await using var h = new EmulatorHarness();
        var sync = new CarbonVoiceSyncService(new FailingStores.Raw(h.Raw, 2), h.State, Options.Create(h.SyncOptions), h.Time);

        var run = await sync.SyncAsync(h.Client, new SyncRequest(TenantId, ConnectorId));

        Assert.Equal(SyncRunStatus.Failed, run.Status);
        Assert.NotNull(run.FinishedAt);
        var error = Assert.Single(run.Errors);
        Assert.Equal("sync", error.Phase);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        Assert.Equal(run.StatusMessage, error.Message);
    }

    [Fact]
    public async Task A_run_whose_lease_another_host_took_fails_without_committing_its_high_water_mark()
    {
        await using var h = new EmulatorHarness();
        var raw = new LeaseTakingRawDataStore(h.Raw, h.State, takeAtWrite: 2);
        var sync = new CarbonVoiceSyncService(raw, h.State, Options.Create(h.SyncOptions), h.Time);

        var run = await sync.SyncAsync(h.Client, new SyncRequest(TenantId, ConnectorId));

        Assert.True(raw.Taken);
        Assert.Equal(SyncRunStatus.Failed, run.Status);
        Assert.Equal("The connector's lease was lost to another run; the next run resumes from the checkpoints.", run.StatusMessage);
        Assert.NotNull(run.FinishedAt);
        var error = Assert.Single(run.Errors);
        Assert.Equal("lease", error.Phase);
        Assert.Equal("The connector's lease was lost to another run.", error.Message);
        Assert.Null(await h.State.GetCheckpointAsync(TenantId, ConnectorId, "sync:hwm"));
        Assert.Equal("other-host", (await h.State.GetLeaseAsync(TenantId, ConnectorId))!.Holder);
    }

    [Fact]
    public async Task The_committed_high_water_mark_keeps_its_sub_second_precision()
    {
        await using var h = new EmulatorHarness();
        h.Time.Advance(TimeSpan.FromTicks(1_234_567));

        var run = await h.SyncAsync();

        var committed = await h.State.GetCheckpointAsync(TenantId, ConnectorId, "sync:hwm");
        Assert.Equal(run.HighWaterMark, DateTimeOffset.Parse(committed!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind));
        Assert.Equal(SyncKind.Delta, (await h.SyncAsync()).Kind);
    }

    [Fact]
    public async Task A_store_with_a_high_water_mark_from_before_the_format_checkpoint_is_synced_in_full()
    {
        await using var h = new EmulatorHarness();
        await h.SyncAsync();
        await h.State.SetCheckpointAsync(TenantId, ConnectorId, "sync:format", null);

        var run = await h.SyncAsync();

        Assert.Equal(SyncKind.Full, run.Kind);
        Assert.Equal(SyncRunStatus.Succeeded, run.Status);
        Assert.Equal("2", await h.State.GetCheckpointAsync(TenantId, ConnectorId, "sync:format"));
    }

    [Fact]
    public async Task A_delta_that_meets_no_change_counts_no_messages()
    {
        await using var h = new EmulatorHarness();
        await h.SyncAsync();
        h.Time.Advance(TimeSpan.FromMinutes(10));

        var delta = await h.SyncAsync();

        Assert.Equal(SyncKind.Delta, delta.Kind);
        Assert.Equal(SyncRunStatus.Succeeded, delta.Status);
        Assert.False(delta.Counts.ContainsKey(CarbonVoiceEntities.Message), string.Join(", ", delta.Counts.Keys));
    }

    [Fact]
    public async Task A_finished_run_queues_one_ingestion_request_correlated_with_it()
    {
        await using var h = new EmulatorHarness(sync: o => o.EnqueueIngestionAfterSync = true);
        var queue = new RecordingQueue();
        var sync = new CarbonVoiceSyncService(h.Raw, h.State, Options.Create(h.SyncOptions), h.Time, queue: queue);

        var run = await sync.SyncAsync(h.Client, new SyncRequest(TenantId, ConnectorId));

        var request = Assert.Single(queue.Requests);
        Assert.Equal(new IngestionRequest(TenantId, ConnectorId) { RequestedAt = h.Time.GetUtcNow(), CorrelationId = run.Id }, request);
    }

    [Fact]
    public async Task No_ingestion_request_is_queued_when_the_option_is_off()
    {
        await using var h = new EmulatorHarness(sync: o => o.EnqueueIngestionAfterSync = false);
        var queue = new RecordingQueue();
        var sync = new CarbonVoiceSyncService(h.Raw, h.State, Options.Create(h.SyncOptions), h.Time, queue: queue);

        var run = await sync.SyncAsync(h.Client, new SyncRequest(TenantId, ConnectorId));

        Assert.Equal(SyncRunStatus.Succeeded, run.Status);
        Assert.Empty(queue.Requests);
    }

    [Fact]
    public async Task A_closed_ingestion_queue_does_not_fail_the_finished_run()
    {
        await using var h = new EmulatorHarness(sync: o => o.EnqueueIngestionAfterSync = true);
        var queue = new RecordingQueue { Closed = true };
        var sync = new CarbonVoiceSyncService(h.Raw, h.State, Options.Create(h.SyncOptions), h.Time, queue: queue);

        var run = await sync.SyncAsync(h.Client, new SyncRequest(TenantId, ConnectorId));

        Assert.Equal(SyncRunStatus.Succeeded, run.Status);
        Assert.Equal(SyncRunStatus.Succeeded, (await h.State.GetRunAsync(run.Id))!.Status);
        Assert.Equal(1, queue.Attempts);
    }

    private sealed class RecordingQueue : IIngestionQueue
    {
        public List<IngestionRequest> Requests { get; } = [];

        public bool Closed { get; init; }

        public int Attempts { get; private set; }

        public ValueTask EnqueueAsync(IngestionRequest request, CancellationToken cancellationToken = default)
        {
            Attempts++;
            if (Closed)
            {
                throw new InvalidOperationException("The queue is closed.");
            }

            Requests.Add(request);
            return ValueTask.CompletedTask;
        }

        public IAsyncEnumerable<IngestionRequest> ReadAllAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }

    /// <summary>At its n-th write, hands the connector's lease to another host (as one that found it expired would take it).</summary>
    private sealed class LeaseTakingRawDataStore(IRawDataStore inner, ISyncStateStore state, int takeAtWrite) : DelegatingRawDataStore(inner)
    {
        private int _writes;

        public bool Taken { get; private set; }

        public override async Task<IReadOnlyList<RawUpsertResult>> UpsertAsync(IReadOnlyList<RawRecordUpsert> records, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Increment(ref _writes) == takeAtWrite)
            {
                var held = await state.GetLeaseAsync(TenantId, ConnectorId, cancellationToken);
                await state.ReleaseLeaseAsync(held!, cancellationToken);
                Taken = await state.TryAcquireLeaseAsync(TenantId, ConnectorId, "other-host", TimeSpan.FromMinutes(5), cancellationToken) is not null;
            }

            return await base.UpsertAsync(records, cancellationToken);
        }
    }
}
