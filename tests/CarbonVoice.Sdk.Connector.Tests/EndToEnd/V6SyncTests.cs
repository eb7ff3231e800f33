using CarbonVoice.Sdk.Connector.Tests.Support;
using CarbonVoice.Sdk.Connector.Sqlite;
using Microsoft.Extensions.Options;
using static CarbonVoice.Sdk.Connector.Tests.Support.EmulatorHarness;

namespace CarbonVoice.Sdk.Connector.Tests.EndToEnd;

/// <summary>The sync on the routes the real service confirms: v6 history, the v6 change feed, real transcript shapes.</summary>
public sealed class V6SyncTests
{
    private static RawRecordKey Key(string entity, string id) => new(TenantId, ConnectorId, entity, id);

    private static void Assert200(SyncRun run) => Assert.True(run.Status == SyncRunStatus.Succeeded, $"{run.Status}: {run.StatusMessage} {string.Join("; ", run.Errors)}");

    private static async Task<List<string>> ChunkTextsAsync(EmulatorHarness h, string conversationId)
        => [.. (await h.Chunks.QueryAsync(new ChunkQuery(TenantId, ConnectorId) { ConversationId = conversationId }, pageSize: 1000)).Items.Select(c => c.Chunk.Text)];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_voice_message_whose_words_are_only_in_its_time_codes_produces_chunks_with_those_words(bool keepWordTimings)
    {
        await using var h = new EmulatorHarness(sync: s => s.KeepWordTimings = keepWordTimings);
        var voice = h.SyncedConversations().SelectMany(c => h.Emulator.Data.MessagesIn(c.Id)).First(m => m.TranscriptOnlyInTimeCodes && m.Transcript.Length > 30);

        Assert200(await h.SyncAsync());
        Assert200(await h.IngestAsync());

        using var payload = System.Text.Json.JsonDocument.Parse((await h.Raw.GetAsync(Key(CarbonVoiceEntities.Message, voice.Id)))!.Payload);
        var content = payload.RootElement.GetProperty("content");
        Assert.Equal(keepWordTimings, content.TryGetProperty("time_codes", out _));
        Assert.Equal(keepWordTimings ? string.Empty : voice.Transcript, content.GetProperty("transcript").GetString());
        var words = string.Join(' ', voice.Transcript.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(6));
        Assert.Contains(await ChunkTextsAsync(h, voice.ConversationId), text => text.Contains(words, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_conversation_of_10000_messages_on_short_pages_syncs_completely()
    {
        await using var h = new EmulatorHarness(sync: s => s.MessagePageSize = 200);
        var workspace = h.Emulator.Data.WorkspacesOf(h.UserId)[0].Id;
        var big = h.Emulator.Control.CreateConversation(workspace, "Big", generatedMessages: 10_000);

        Assert200(await h.SyncAsync());

        Assert.Equal(10_000, h.Emulator.Data.MessagesIn(big).Count);
        var stored = new HashSet<string>(StringComparer.Ordinal);
        string? after = null;
        IReadOnlyList<RawRecord> page;
        do
        {
            page = await h.Raw.ListByParentAsync(TenantId, ConnectorId, CarbonVoiceEntities.Message, big, after, 1000);
            stored.UnionWith(page.Select(r => r.Key.ExternalId));
            after = page.Count > 0 ? page[^1].Key.ExternalId : null;
        }
        while (page.Count == 1000);
        Assert.True(h.Emulator.Data.MessagesIn(big).Select(m => m.Id).ToHashSet().SetEquals(stored));
        var pages = h.Emulator.Requests.Count(r => r.PathAndQuery.StartsWith("/v6/messages?", StringComparison.Ordinal) && r.PathAndQuery.Contains(big, StringComparison.Ordinal));
        Assert.Equal((10_000 + 149) / 150, pages);
    }

    [Theory]
    [InlineData(StoreKind.InMemory)]
    [InlineData(StoreKind.Sqlite)]
    public async Task An_edit_a_delete_and_a_late_transcript_each_reach_the_raw_store_through_one_delta(StoreKind kind)
    {
        await using var h = new EmulatorHarness(kind);
        var conversation = h.SyncedConversations()[0].Id;
        var messages = h.Emulator.Data.MessagesIn(conversation);
        var late = h.Emulator.Control.PostMessage(conversation, h.UserId, "The late transcript of a fresh voice note.");
        Assert200(await h.SyncAsync());
        var pending = (await h.Raw.GetAsync(Key(CarbonVoiceEntities.Message, late)))!.Payload;
        Assert.Contains("\"processing\"", pending, StringComparison.Ordinal);
        Assert.DoesNotContain("late transcript", pending, StringComparison.Ordinal);

        h.Time.Advance(TimeSpan.FromMinutes(1));
        h.Emulator.Control.EditMessage(messages[0].Id, "An edited transcript.");
        h.Emulator.Control.DeleteMessage(messages[1].Id);
        h.Emulator.Control.AddReaction(messages[2].Id, h.UserId, "thumbs_up");
        h.Emulator.ClearRequests();

        var delta = await h.SyncAsync();

        Assert200(delta);
        Assert.Equal(SyncKind.Delta, delta.Kind);
        var counts = delta.Counts[CarbonVoiceEntities.Message];
        Assert.Equal((0, 2, 1), (counts.New, counts.Changed, counts.Deleted));
        Assert.Contains("late transcript", (await h.Raw.GetAsync(Key(CarbonVoiceEntities.Message, late)))!.Payload, StringComparison.Ordinal);
        Assert.Contains("An edited transcript.", (await h.Raw.GetAsync(Key(CarbonVoiceEntities.Message, messages[0].Id)))!.Payload, StringComparison.Ordinal);
        Assert.True((await h.Raw.GetAsync(Key(CarbonVoiceEntities.Message, messages[1].Id)))!.IsDeleted);
        Assert.DoesNotContain(h.Emulator.Requests, r => r.PathAndQuery.Contains("/v3/messages/notified", StringComparison.Ordinal));
        Assert.DoesNotContain(h.Emulator.Requests, r => r.PathAndQuery.StartsWith("/v6/messages?", StringComparison.Ordinal));
        Assert.Contains(h.Emulator.Requests, r => r.PathAndQuery.StartsWith("/v6/messages/updates", StringComparison.Ordinal));

        Assert200(await h.IngestAsync());
        var texts = await ChunkTextsAsync(h, conversation);
        Assert.Contains(texts, t => t.Contains("The late transcript of a fresh voice note.", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("An edited transcript.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_change_cursor_is_saved_after_each_page_and_the_next_delta_resumes_from_it()
    {
        await using var h = new EmulatorHarness(sync: s => s.ChangesPageSize = 3);
        Assert200(await h.SyncAsync());
        Assert.Null(await h.State.GetCheckpointAsync(TenantId, ConnectorId, "changes:cursor"));
        var conversation = h.SyncedConversations()[0].Id;
        h.Time.Advance(TimeSpan.FromMinutes(1));
        foreach (var message in h.Emulator.Data.MessagesIn(conversation).Take(7))
        {
            h.Emulator.Control.EditMessage(message.Id, "first round " + message.Id);
        }

        Assert200(await h.SyncAsync());
        var cursor = await h.State.GetCheckpointAsync(TenantId, ConnectorId, "changes:cursor");
        Assert.NotNull(cursor);
        h.Time.Advance(TimeSpan.FromMinutes(1));
        h.Emulator.ClearRequests();

        var quiet = await h.SyncAsync();

        Assert200(quiet);
        Assert.Equal(0, quiet.Counts.GetValueOrDefault(CarbonVoiceEntities.Message)?.Changed ?? 0);
        // The resume point lies 4 s before the last change, so the seven edits of that instant come again (three pages of
        // three): all by cursor, none re-anchored by date, and none counted as a change.
        var feed = h.Emulator.Requests.Where(r => r.PathAndQuery.StartsWith("/v6/messages/updates", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(feed);
        Assert.All(feed, r => Assert.Contains("cursor=", r.PathAndQuery, StringComparison.Ordinal));
        Assert.All(feed, r => Assert.DoesNotContain("date=", r.PathAndQuery, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_delta_killed_at_every_page_boundary_then_rerun_stores_exactly_what_one_clean_delta_stores()
    {
        var (clean, cleanNew) = await DeltaFingerprintAsync(cancelAfterWrite: null);
        var boundary = 1;
        while (true)
        {
            var (resumed, totalNew) = await DeltaFingerprintAsync(boundary);
            if (resumed is null)
            {
                Assert.True(boundary > 4, $"only {boundary} page boundaries in the delta");
                break;
            }

            Assert.Equal(clean, resumed);
            Assert.Equal(cleanNew, totalNew);
            boundary++;
        }
    }

    /// <summary>
    /// Same seed, same clock, same writes every time: a full sync, then changes over several change-feed pages, then a delta
    /// (killed after its n-th store write and run again when <paramref name="cancelAfterWrite"/> is set). Returns the raw
    /// fingerprint and the messages counted new over the delta runs, or null when the delta had fewer writes than n.
    /// </summary>
    private static async Task<(List<string>? Fingerprint, long New)> DeltaFingerprintAsync(int? cancelAfterWrite)
    {
        await using var h = new EmulatorHarness(sync: s => s.ChangesPageSize = 3);
        Assert200(await h.SyncAsync());
        h.Time.Advance(TimeSpan.FromMinutes(1));
        var conversations = h.SyncedConversations();
        for (var i = 0; i < 4; i++)
        {
            h.Emulator.Control.PostMessage(conversations[i % conversations.Count].Id, h.UserId, $"posted {i}");
            h.Time.Advance(TimeSpan.FromSeconds(2));
        }

        var existing = h.Emulator.Data.MessagesIn(conversations[0].Id);
        for (var i = 0; i < 5; i++)
        {
            h.Emulator.Control.EditMessage(existing[i].Id, $"edited {i}");
            h.Time.Advance(TimeSpan.FromSeconds(3));
        }

        h.Emulator.Control.DeleteMessage(existing[6].Id);
        h.Time.Advance(TimeSpan.FromMinutes(1));

        long totalNew = 0;
        if (cancelAfterWrite is { } n)
        {
            using var cts = new CancellationTokenSource();
            var cancelling = new CancellingRawDataStore(h.Raw, n, cts);
            var killed = await new CarbonVoiceSyncService(cancelling, h.State, Options.Create(h.SyncOptions), h.Time).SyncAsync(h.Client, new SyncRequest(TenantId, ConnectorId), cancellationToken: cts.Token);
            if (killed.Status == SyncRunStatus.Succeeded)
            {
                return (null, 0);
            }

            Assert.Equal(SyncRunStatus.Cancelled, killed.Status);
            totalNew += killed.Counts.GetValueOrDefault(CarbonVoiceEntities.Message)?.New ?? 0;
        }

        var delta = await h.SyncAsync();
        Assert200(delta);
        Assert.Equal(SyncKind.Delta, delta.Kind);
        totalNew += delta.Counts.GetValueOrDefault(CarbonVoiceEntities.Message)?.New ?? 0;
        return (await h.FingerprintAsync(), totalNew);
    }

    [Fact]
    public async Task A_stored_cursor_the_service_refuses_is_replaced_by_a_re_anchored_read_and_nothing_is_lost()
    {
        await using var h = new EmulatorHarness();
        Assert200(await h.SyncAsync());
        var conversation = h.SyncedConversations()[0].Id;
        var messages = h.Emulator.Data.MessagesIn(conversation);
        h.Time.Advance(TimeSpan.FromMinutes(1));
        h.Emulator.Control.EditMessage(messages[0].Id, "before the cursor broke");
        Assert200(await h.SyncAsync());
        var before = await h.State.GetCheckpointAsync(TenantId, ConnectorId, "changes:cursor");
        Assert.NotNull(before);

        h.Time.Advance(TimeSpan.FromMinutes(1));
        h.Emulator.Control.InvalidateCursors();
        h.Emulator.Control.EditMessage(messages[1].Id, "after the cursor broke");
        var posted = h.Emulator.Control.PostMessage(conversation, h.UserId, "posted after the cursor broke");
        h.Time.Advance(TimeSpan.FromMinutes(1));
        h.Emulator.ClearRequests();

        var run = await h.SyncAsync();

        Assert200(run);
        Assert.Contains("after the cursor broke", (await h.Raw.GetAsync(Key(CarbonVoiceEntities.Message, messages[1].Id)))!.Payload, StringComparison.Ordinal);
        Assert.Contains("posted after the cursor broke", (await h.Raw.GetAsync(Key(CarbonVoiceEntities.Message, posted)))!.Payload, StringComparison.Ordinal);
        var feed = h.Emulator.Requests.Where(r => r.PathAndQuery.StartsWith("/v6/messages/updates", StringComparison.Ordinal)).ToList();
        Assert.Equal(400, feed[0].Status);
        Assert.Contains("date=", feed[1].PathAndQuery, StringComparison.Ordinal);
        var after = await h.State.GetCheckpointAsync(TenantId, ConnectorId, "changes:cursor");
        Assert.NotNull(after);
        Assert.NotEqual(before, after);
    }

    [Fact]
    public async Task A_conversation_still_listed_but_answering_403_is_tombstoned_like_a_deleted_one()
    {
        await using var h = new EmulatorHarness();
        Assert200(await h.SyncAsync());
        var gone = h.SyncedConversations()[0];
        var messages = h.Emulator.Data.MessagesIn(gone.Id);
        h.Time.Advance(TimeSpan.FromMinutes(1));
        h.Emulator.Control.DeleteConversation(gone.Id, stillListed: true);

        var run = await h.SyncAsync();

        Assert200(run);
        Assert.Empty(run.Errors);
        Assert.True((await h.Raw.GetAsync(Key(CarbonVoiceEntities.Channel, gone.Id)))!.IsDeleted);
        foreach (var message in messages)
        {
            Assert.True((await h.Raw.GetAsync(Key(CarbonVoiceEntities.Message, message.Id)))!.IsDeleted);
        }

        Assert.Empty(await h.Raw.ListByParentAsync(TenantId, ConnectorId, CarbonVoiceEntities.ActionItem, gone.Id, null, 100));
        Assert200(await h.IngestAsync());
        Assert.Empty(await ChunkTextsAsync(h, gone.Id));
    }

    [Fact]
    public async Task Changes_of_a_conversation_the_user_is_not_in_are_not_stored_by_a_full_sync_or_a_delta()
    {
        await using var h = new EmulatorHarness();
        var workspace = h.Emulator.Data.WorkspacesOf(h.UserId)[0];
        var other = workspace.MemberIds.First(id => id != h.UserId);
        var closed = h.Emulator.Control.CreateConversation(workspace.Id, "Not mine", generatedMessages: 5, collaboratorIds: [other]);
        Assert200(await h.SyncAsync());
        h.Time.Advance(TimeSpan.FromMinutes(1));
        h.Emulator.Control.PostMessage(closed, other, "a message the user cannot be synced");
        h.Emulator.Control.EditMessage(h.Emulator.Data.MessagesIn(closed)[0].Id, "an edit in a conversation the user is not in");
        h.Time.Advance(TimeSpan.FromMinutes(1));

        Assert200(await h.SyncAsync());

        Assert.Empty(await h.Raw.ListByParentAsync(TenantId, ConnectorId, CarbonVoiceEntities.Message, closed, null, 100, includeDeleted: true));
    }

    [Fact]
    public async Task A_full_sync_and_a_full_sync_plus_20_random_deltas_give_the_same_raw_store()
    {
        await using var h = new EmulatorHarness(StoreKind.Sqlite, emulator: o =>
        {
            o.Workspaces = 3;
            o.ConversationsPerWorkspace = 3;
            o.MessagesPerConversation = 15;
        }, sync: s => s.ChangesPageSize = 4);
        var random = new Random(20261201);
        Assert200(await h.SyncAsync());
        var deleted = new List<string>();
        var workspaces = h.Emulator.Data.WorkspacesOf(h.UserId);
        var other = workspaces[0].MemberIds.First(id => id != h.UserId);
        var closed = h.Emulator.Control.CreateConversation(workspaces[0].Id, "Not mine", generatedMessages: 3, collaboratorIds: [other]);
        for (var round = 0; round < 20; round++)
        {
            var everywhere = workspaces.SelectMany(w => h.Emulator.Data.ConversationsIn(w.Id)).ToList();
            for (var op = 0; op < 6; op++)
            {
                var conversation = everywhere[random.Next(everywhere.Count)];
                var messages = h.Emulator.Data.MessagesIn(conversation.Id);
                var author = conversation.CollaboratorIds[random.Next(conversation.CollaboratorIds.Count)];
                switch (random.Next(5))
                {
                    case 0:
                        h.Emulator.Control.PostMessage(conversation.Id, author, $"round {round} op {op}: a new note");
                        break;
                    case 1 when messages.Count > 0:
                        h.Emulator.Control.EditMessage(messages[random.Next(messages.Count)].Id, $"round {round} op {op}: edited");
                        break;
                    case 2 when messages.Count > 2:
                        var victim = messages[random.Next(messages.Count)].Id;
                        h.Emulator.Control.DeleteMessage(victim);
                        deleted.Add(victim);
                        break;
                    case 3 when messages.Count > 0:
                        h.Emulator.Control.AddReaction(messages[random.Next(messages.Count)].Id, author, "thumbs_up");
                        break;
                    default:
                        h.Emulator.Control.CreateActionItem(conversation.Id, author, $"round {round} op {op}: follow up");
                        break;
                }

                h.Time.Advance(TimeSpan.FromMilliseconds(random.Next(1, 20_000)));
            }

            if (round == 10)
            {
                h.Emulator.Control.EditMessage(h.Emulator.Data.MessagesIn(closed)[0].Id, "never synced");
            }

            var delta = await h.SyncAsync();
            Assert200(delta);
            Assert.Equal(SyncKind.Delta, delta.Kind);
        }

        using var freshFile = new TempSqliteFile();
        using var fresh = new SqliteRawDataStore(freshFile.ConnectionString, h.Time);
        using var freshState = new SqliteSyncStateStore(freshFile.ConnectionString, h.Time);
        Assert200(await new CarbonVoiceSyncService(fresh, freshState, Options.Create(h.SyncOptions), h.Time).SyncAsync(h.Client, new SyncRequest(TenantId, ConnectorId)));

        Assert.Equal(await LiveFingerprint(fresh), await h.LiveFingerprintAsync());
        foreach (var id in deleted)
        {
            var record = await h.Raw.GetAsync(Key(CarbonVoiceEntities.Message, id));
            Assert.True(record is null or { IsDeleted: true }, $"deleted message {id} is still live");
        }
    }
}
