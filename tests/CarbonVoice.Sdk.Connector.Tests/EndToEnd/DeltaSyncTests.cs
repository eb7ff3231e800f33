using CarbonVoice.Sdk.Connector.Tests.Support;
using CarbonVoice.Sdk.Testing;
using static CarbonVoice.Sdk.Connector.Tests.Support.EmulatorHarness;

namespace CarbonVoice.Sdk.Connector.Tests.EndToEnd;

public sealed class DeltaSyncTests
{
    private static void Quirks(EmulatorOptions o)
    {
        o.Quirks.Enabled = true;
        o.Quirks.Burst502Probability = 0;
        o.Quirks.TranscriptDelay = TimeSpan.FromSeconds(12);
        o.Quirks.ReactionsBumpUpdatedAt = true;
    }

    [Theory]
    [InlineData(StoreKind.InMemory)]
    [InlineData(StoreKind.Sqlite)]
    public async Task Delta_sync_picks_up_new_edited_and_deleted_messages_and_ignores_reactions(StoreKind kind)
    {
        await using var h = new EmulatorHarness(kind, Quirks);
        Assert.Equal(SyncRunStatus.Succeeded, (await h.SyncAsync()).Status);
        await h.IngestAsync();

        var conversation = h.Emulator.Data.ConversationsIn(h.Emulator.Data.WorkspacesOf(h.UserId)[0].Id)[0];
        var messages = h.Emulator.Data.MessagesIn(conversation.Id);
        var (edited, deleted, reacted) = (messages[0], messages[1], messages[2]);
        var reactedBefore = await h.Raw.GetAsync(Key(CarbonVoiceEntities.Message, reacted.Id));

        h.Time.Advance(TimeSpan.FromMinutes(1));
        var posted = h.Emulator.Control.PostMessage(conversation.Id, h.UserId, "Brand new message about the renewal.");
        h.Emulator.Control.EditMessage(edited.Id, "Edited transcript with fresh content.");
        h.Emulator.Control.DeleteMessage(deleted.Id);
        h.Emulator.Control.AddReaction(reacted.Id, h.UserId, "thumbs_up");
        h.Time.Advance(TimeSpan.FromSeconds(30));

        var progress = new RecordingProgress();
        var run = await h.SyncAsync(progress: progress);
        Assert.Equal(SyncKind.Delta, run.Kind);
        Assert.True(run.Status == SyncRunStatus.Succeeded, run.StatusMessage + string.Join("; ", run.Errors));
        var counts = run.Counts[CarbonVoiceEntities.Message];
        Assert.Equal(1, counts.New);
        Assert.Equal(1, counts.Changed);
        Assert.Equal(1, counts.Deleted);
        Assert.Contains(progress.Events, e => e.Phase == SyncPhase.Changes);

        Assert.Contains("Edited transcript", (await h.Raw.GetAsync(Key(CarbonVoiceEntities.Message, edited.Id)))!.Payload, StringComparison.Ordinal);
        Assert.True((await h.Raw.GetAsync(Key(CarbonVoiceEntities.Message, deleted.Id)))!.IsDeleted);
        Assert.Contains("Brand new message", (await h.Raw.GetAsync(Key(CarbonVoiceEntities.Message, posted)))!.Payload, StringComparison.Ordinal);
        var reactedAfter = await h.Raw.GetAsync(Key(CarbonVoiceEntities.Message, reacted.Id));
        Assert.Equal(reactedBefore!.ChangeSequence, reactedAfter!.ChangeSequence);
        Assert.Equal(reactedBefore.Payload, reactedAfter.Payload);

        var ingestion = await h.IngestAsync();
        Assert.Equal(SyncRunStatus.Succeeded, ingestion.Status);
        var texts = (await h.Chunks.QueryAsync(new ChunkQuery(TenantId, ConnectorId) { ConversationId = conversation.Id }, pageSize: 1000)).Items.Select(c => c.Chunk.Text).ToList();
        Assert.Contains(texts, t => t.Contains("Edited transcript with fresh content.", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("Brand new message about the renewal.", StringComparison.Ordinal));
        var deletedStart = deleted.Transcript[..Math.Min(40, deleted.Transcript.Length)];
        Assert.DoesNotContain(texts, t => t.Contains(deletedStart, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_message_edited_during_a_sync_is_caught_by_the_next_delta()
    {
        await using var h = new EmulatorHarness(sync: s => s.MaxConcurrency = 1);
        var conversations = h.Emulator.Data.WorkspacesOf(h.UserId).SelectMany(w => h.Emulator.Data.ConversationsIn(w.Id)).ToList();
        var edited = new List<string>();

        // Once the first conversation's messages are stored, one message of every conversation is edited: the run has
        // already read the first one, so only the next delta (since the high-water mark taken before the run) can see it.
        var progress = new CallbackProgress(p =>
        {
            if (edited.Count == 0 && p.Phase == SyncPhase.Messages && p.Percent > 0)
            {
                h.Time.Advance(TimeSpan.FromSeconds(10));
                foreach (var conversation in conversations)
                {
                    var message = h.Emulator.Data.MessagesIn(conversation.Id)[0];
                    h.Emulator.Control.EditMessage(message.Id, "Edited while the sync ran " + message.Id);
                    edited.Add(message.Id);
                }
            }
        });
        var first = await h.SyncAsync(progress: progress);
        Assert.Equal(SyncRunStatus.Succeeded, first.Status);
        Assert.Equal(conversations.Count, edited.Count);
        var missed = new List<string>();
        foreach (var id in edited)
        {
            if (!(await h.Raw.GetAsync(Key(CarbonVoiceEntities.Message, id)))!.Payload.Contains("Edited while the sync ran", StringComparison.Ordinal))
            {
                missed.Add(id);
            }
        }

        Assert.NotEmpty(missed);

        h.Time.Advance(TimeSpan.FromMinutes(1));
        var delta = await h.SyncAsync();
        Assert.Equal(SyncKind.Delta, delta.Kind);
        Assert.Equal(SyncRunStatus.Succeeded, delta.Status);
        foreach (var id in edited)
        {
            Assert.Contains("Edited while the sync ran " + id, (await h.Raw.GetAsync(Key(CarbonVoiceEntities.Message, id)))!.Payload, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_conversation_scoped_delta_syncs_only_those_conversations_and_keeps_the_high_water_mark()
    {
        await using var h = new EmulatorHarness();
        Assert.Equal(SyncRunStatus.Succeeded, (await h.SyncAsync()).Status);
        var hwm = await h.State.GetCheckpointAsync(TenantId, ConnectorId, "sync:hwm");
        var workspace = h.Emulator.Data.WorkspacesOf(h.UserId)[0].Id;
        var (a, b) = (h.Emulator.Data.ConversationsIn(workspace)[0].Id, h.Emulator.Data.ConversationsIn(workspace)[1].Id);
        var (editedA, editedB) = (h.Emulator.Data.MessagesIn(a)[0].Id, h.Emulator.Data.MessagesIn(b)[0].Id);
        var deletedA = h.Emulator.Data.MessagesIn(a)[1].Id;

        h.Time.Advance(TimeSpan.FromMinutes(1));
        var postedA = h.Emulator.Control.PostMessage(a, h.UserId, "New in A.");
        var postedB = h.Emulator.Control.PostMessage(b, h.UserId, "New in B.");
        h.Emulator.Control.EditMessage(editedA, "Edited in A.");
        h.Emulator.Control.EditMessage(editedB, "Edited in B.");
        h.Emulator.Control.DeleteMessage(deletedA);
        h.Time.Advance(TimeSpan.FromSeconds(30));
        h.Emulator.ClearRequests();

        var scoped = await h.Sync.SyncAsync(h.Client, new SyncRequest(TenantId, ConnectorId) { ConversationIds = [a] });
        Assert.True(scoped.Status == SyncRunStatus.Succeeded, scoped.StatusMessage + string.Join("; ", scoped.Errors));
        Assert.Equal(SyncKind.Delta, scoped.Kind);
        Assert.Contains(h.Emulator.Requests, r => r.PathAndQuery.Contains(a, StringComparison.Ordinal));
        Assert.DoesNotContain(h.Emulator.Requests, r => r.PathAndQuery.Contains(b, StringComparison.Ordinal));
        Assert.Contains("New in A.", (await h.Raw.GetAsync(Key(CarbonVoiceEntities.Message, postedA)))!.Payload, StringComparison.Ordinal);
        Assert.Contains("Edited in A.", (await h.Raw.GetAsync(Key(CarbonVoiceEntities.Message, editedA)))!.Payload, StringComparison.Ordinal);
        Assert.True((await h.Raw.GetAsync(Key(CarbonVoiceEntities.Message, deletedA)))!.IsDeleted);
        Assert.Null(await h.Raw.GetAsync(Key(CarbonVoiceEntities.Message, postedB)));
        Assert.DoesNotContain("Edited in B.", (await h.Raw.GetAsync(Key(CarbonVoiceEntities.Message, editedB)))!.Payload, StringComparison.Ordinal);
        Assert.Equal(hwm, await h.State.GetCheckpointAsync(TenantId, ConnectorId, "sync:hwm"));

        // The next connector-wide delta still catches B's changes (the high-water mark did not move).
        var delta = await h.SyncAsync();
        Assert.Equal(SyncRunStatus.Succeeded, delta.Status);
        Assert.Contains("New in B.", (await h.Raw.GetAsync(Key(CarbonVoiceEntities.Message, postedB)))!.Payload, StringComparison.Ordinal);
        Assert.Contains("Edited in B.", (await h.Raw.GetAsync(Key(CarbonVoiceEntities.Message, editedB)))!.Payload, StringComparison.Ordinal);
        Assert.NotEqual(hwm, await h.State.GetCheckpointAsync(TenantId, ConnectorId, "sync:hwm"));
    }

    [Fact]
    public async Task An_empty_conversation_scope_is_refused()
    {
        await using var h = new EmulatorHarness();
        await Assert.ThrowsAsync<ArgumentException>(() => h.Sync.SyncAsync(h.Client, new SyncRequest(TenantId, ConnectorId) { ConversationIds = [] }));
    }

    [Fact]
    public async Task A_message_synced_before_its_transcript_gets_it_on_a_later_delta()
    {
        await using var h = new EmulatorHarness(emulator: Quirks);
        var conversation = h.Emulator.Data.ConversationsIn(h.Emulator.Data.WorkspacesOf(h.UserId)[0].Id)[0];
        var early = h.Emulator.Control.PostMessage(conversation.Id, h.UserId, "The early bird transcript.");
        var later = Enumerable.Range(0, 11).Select(i => h.Emulator.Control.PostMessage(conversation.Id, h.UserId, $"Follow-up number {i}.")).ToList();

        Assert.Equal(SyncRunStatus.Succeeded, (await h.SyncAsync()).Status);
        var before = await h.Raw.GetAsync(Key(CarbonVoiceEntities.Message, early));
        Assert.DoesNotContain("early bird", before!.Payload, StringComparison.Ordinal);
        await h.IngestAsync();

        h.Time.Advance(TimeSpan.FromSeconds(30));
        var run = await h.SyncAsync();
        Assert.Equal(SyncKind.Delta, run.Kind);
        Assert.Equal(SyncRunStatus.Succeeded, run.Status);
        Assert.Contains("early bird", (await h.Raw.GetAsync(Key(CarbonVoiceEntities.Message, early)))!.Payload, StringComparison.Ordinal);
        foreach (var id in later)
        {
            Assert.Contains("Follow-up number", (await h.Raw.GetAsync(Key(CarbonVoiceEntities.Message, id)))!.Payload, StringComparison.Ordinal);
        }

        await h.IngestAsync();
        var texts = (await h.Chunks.QueryAsync(new ChunkQuery(TenantId, ConnectorId) { ConversationId = conversation.Id }, pageSize: 1000)).Items.Select(c => c.Chunk.Text);
        Assert.Contains(texts, t => t.Contains("The early bird transcript.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_token_that_cannot_be_refreshed_ends_the_run_as_expired_without_retrying()
    {
        await using var h = new EmulatorHarness();
        {
            var tokens = new ExpiringTokenProvider(h.Emulator.IssueTokens(h.UserId).AccessToken);
            var client = h.CreateClient(tokens);
            h.Emulator.Faults.Enqueue(FaultKind.TokenExpiredEarly, FaultKind.TokenExpiredEarly, FaultKind.TokenExpiredEarly);
            var progress = new RecordingProgress();
            var run = await h.Sync.SyncAsync(client, new SyncRequest(TenantId, ConnectorId), progress);
            Assert.Equal(SyncRunStatus.Expired, run.Status);
            Assert.Equal(1, tokens.Refreshes);
            Assert.True(h.Emulator.Faults.Pending >= 2, "the sync kept calling after the token expired");
            Assert.Equal(SyncRunStatus.Expired, (await h.State.GetRunAsync(run.Id))!.Status);
            Assert.Equal(SyncRunStatus.Expired, progress.Events[^1].Status);
            Assert.NotNull(await h.State.TryAcquireLeaseAsync(TenantId, ConnectorId, "x", TimeSpan.FromSeconds(1)));
        }
    }

    [Fact]
    public async Task Two_syncs_of_one_connector_never_run_at_once()
    {
        await using var h = new EmulatorHarness();
        var held = await h.State.TryAcquireLeaseAsync(TenantId, ConnectorId, "another-host", TimeSpan.FromMinutes(5));
        Assert.NotNull(held);
        await Assert.ThrowsAsync<ConnectorBusyException>(() => h.SyncAsync());
        await h.State.ReleaseLeaseAsync(held);
        Assert.Equal(SyncRunStatus.Succeeded, (await h.SyncAsync()).Status);
    }

    private static RawRecordKey Key(string entity, string id) => new(TenantId, ConnectorId, entity, id);
}
