using CarbonVoice.Sdk.Connector.Tests.Support;
using Microsoft.Extensions.Options;
using static CarbonVoice.Sdk.Connector.Tests.Support.EmulatorHarness;

namespace CarbonVoice.Sdk.Connector.Tests.Sync;

/// <summary>What a run stores and asks for depending on the enabled entities and the conversation scope.</summary>
public sealed class EnabledEntitiesSyncTests
{
    private static readonly HashSet<string> WithoutAttachments = [.. CarbonVoiceEntities.DefaultEnabled.Where(e => e != CarbonVoiceEntities.Attachment)];

    private static Task<IReadOnlyList<RawRecord>> ChildrenAsync(EmulatorHarness h, string entityType, string parentId)
        => h.Raw.ListByParentAsync(TenantId, ConnectorId, entityType, parentId, null, 1000);

    [Fact]
    public async Task Attachments_are_neither_stored_nor_swept_while_they_are_disabled()
    {
        await using var h = new EmulatorHarness();
        Assert.Contains(CarbonVoiceEntities.Attachment, CarbonVoiceEntities.DefaultEnabled);

        await h.SyncAsync(SyncMode.Full, entities: WithoutAttachments);
        Assert.Equal(0, await h.Raw.CountAsync(TenantId, ConnectorId, CarbonVoiceEntities.Attachment, includeDeleted: true));

        await h.SyncAsync(SyncMode.Full);
        var stored = await h.Raw.CountAsync(TenantId, ConnectorId, CarbonVoiceEntities.Attachment);
        Assert.True(stored > 0);

        var run = await h.SyncAsync(SyncMode.Full, entities: WithoutAttachments);

        Assert.Equal(SyncRunStatus.Succeeded, run.Status);
        Assert.Equal(stored, await h.Raw.CountAsync(TenantId, ConnectorId, CarbonVoiceEntities.Attachment));
    }

    [Fact]
    public async Task A_delta_with_attachments_disabled_leaves_the_attachment_records_of_a_deleted_message_alone()
    {
        await using var h = new EmulatorHarness();
        await h.SyncAsync();
        var (message, attachment) = h.SyncedConversations().SelectMany(c => h.Emulator.Data.MessagesIn(c.Id)).SelectMany(m => m.Attachments.Select(a => (m, a))).First();
        var key = new RawRecordKey(TenantId, ConnectorId, CarbonVoiceEntities.Attachment, attachment.Id);
        Assert.False((await h.Raw.GetAsync(key))!.IsDeleted);

        h.Time.Advance(TimeSpan.FromSeconds(30));
        h.Emulator.Control.DeleteMessage(message.Id);
        var delta = await h.SyncAsync(entities: WithoutAttachments);

        Assert.Equal(SyncKind.Delta, delta.Kind);
        Assert.True((await h.Raw.GetAsync(new RawRecordKey(TenantId, ConnectorId, CarbonVoiceEntities.Message, message.Id)))!.IsDeleted);
        Assert.False((await h.Raw.GetAsync(key))!.IsDeleted);
        Assert.False(delta.Counts.ContainsKey(CarbonVoiceEntities.Attachment));
    }

    [Fact]
    public async Task Messages_alone_are_synced_without_any_action_item_request()
    {
        await using var h = new EmulatorHarness();
        h.Emulator.Control.CreateActionItem(h.SyncedConversations()[0].Id, h.UserId, "call the harbour office", h.UserId);

        var run = await h.SyncAsync(entities: new HashSet<string> { CarbonVoiceEntities.Message });

        Assert.Equal(SyncRunStatus.Succeeded, run.Status);
        Assert.True(await h.Raw.CountAsync(TenantId, ConnectorId, CarbonVoiceEntities.Message) > 0);
        Assert.Equal(0, await h.Raw.CountAsync(TenantId, ConnectorId, CarbonVoiceEntities.ActionItem, includeDeleted: true));
        Assert.DoesNotContain(h.Emulator.Requests, r => r.PathAndQuery.StartsWith("/action-items", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Action_items_alone_are_still_listed_per_conversation()
    {
        await using var h = new EmulatorHarness();
        var conversation = h.SyncedConversations()[0];
        var id = h.Emulator.Control.CreateActionItem(conversation.Id, h.UserId, "call the harbour office", h.UserId);

        var run = await h.SyncAsync(entities: new HashSet<string> { CarbonVoiceEntities.ActionItem });

        Assert.Equal(SyncRunStatus.Succeeded, run.Status);
        Assert.Contains(await ChildrenAsync(h, CarbonVoiceEntities.ActionItem, conversation.Id), r => r.Key.ExternalId == id);
        Assert.Equal(0, await h.Raw.CountAsync(TenantId, ConnectorId, CarbonVoiceEntities.Message));
    }

    [Fact]
    public async Task My_action_items_in_a_synced_conversation_keep_the_conversation_as_their_parent()
    {
        await using var h = new EmulatorHarness();
        var conversation = h.SyncedConversations()[0];
        var id = h.Emulator.Control.CreateActionItem(conversation.Id, h.UserId, "call the harbour office", h.UserId);

        await h.SyncAsync();

        Assert.Equal(conversation.Id, (await h.Raw.GetAsync(new RawRecordKey(TenantId, ConnectorId, CarbonVoiceEntities.ActionItem, id)))!.ParentId);
        Assert.DoesNotContain(await ChildrenAsync(h, CarbonVoiceEntities.ActionItem, "mine"), r => r.Key.ExternalId == id);
    }

    [Fact]
    public async Task Only_conversations_with_a_summary_store_one()
    {
        await using var h = new EmulatorHarness();
        var empty = h.Emulator.Control.CreateConversation(h.Emulator.Data.WorkspacesOf(h.UserId)[0].Id, "no messages yet", collaboratorIds: [h.UserId]);

        var run = await h.SyncAsync(entities: new HashSet<string> { CarbonVoiceEntities.ConversationSummary });

        Assert.Equal(SyncRunStatus.Succeeded, run.Status);
        Assert.Equal(0, run.ErrorCount);
        Assert.Contains(h.Emulator.Requests, r => r.PathAndQuery.Contains(h.SyncedConversations()[0].Id, StringComparison.Ordinal));
        Assert.Equal(0, await h.Raw.CountAsync(TenantId, ConnectorId, CarbonVoiceEntities.Message));
        var summaries = new List<RawRecord>();
        foreach (var conversation in h.SyncedConversations())
        {
            summaries.AddRange(await ChildrenAsync(h, CarbonVoiceEntities.ConversationSummary, conversation.Id));
        }

        Assert.NotEmpty(summaries);
        Assert.Contains(h.SyncedConversations(), c => c.Id == empty);
        Assert.DoesNotContain(summaries, s => s.Key.ExternalId == empty);
        Assert.Equal(summaries.Count, await h.Raw.CountAsync(TenantId, ConnectorId, CarbonVoiceEntities.ConversationSummary));
        Assert.All(summaries, s => Assert.Equal(s.ParentId, s.Key.ExternalId));
        Assert.All(summaries, s => Assert.StartsWith("{", s.Payload, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_conversation_scoped_run_stores_only_that_conversations_messages()
    {
        await using var h = new EmulatorHarness();
        var conversations = h.SyncedConversations().Where(c => c.MessageCount > 0).ToList();
        Assert.True(conversations.Count >= 2);

        var run = await h.Sync.SyncAsync(h.Client, new SyncRequest(TenantId, ConnectorId) { ConversationIds = [conversations[0].Id] });

        Assert.Equal(SyncRunStatus.Succeeded, run.Status);
        Assert.NotEmpty(await ChildrenAsync(h, CarbonVoiceEntities.Message, conversations[0].Id));
        foreach (var other in conversations.Skip(1))
        {
            Assert.Empty(await ChildrenAsync(h, CarbonVoiceEntities.Message, other.Id));
        }
    }

    [Fact]
    public async Task A_resumed_full_sync_does_not_list_again_the_conversations_its_first_attempt_listed()
    {
        await using var h = new EmulatorHarness(sync: o => o.MaxConcurrency = 1);
        var conversations = h.SyncedConversations().Where(c => c.MessageCount > 0).ToList();
        int HistoryRequests(string conversationId) => h.Emulator.Requests.Count(r => r.PathAndQuery.StartsWith("/v6/messages?", StringComparison.Ordinal) && r.PathAndQuery.Contains(conversationId, StringComparison.Ordinal));

        // The first write boundary after which some, not all, conversations were listed in full.
        for (var boundary = 1; boundary < 60; boundary++)
        {
            var raw = new InMemoryRawDataStore(h.Time);
            var state = new InMemorySyncStateStore(h.Time);
            using var cts = new CancellationTokenSource();
            var cancelled = await new CarbonVoiceSyncService(new CancellingRawDataStore(raw, boundary, cts), state, Options.Create(h.SyncOptions), h.Time)
                .SyncAsync(h.Client, new SyncRequest(TenantId, ConnectorId), cancellationToken: cts.Token);
            Assert.Equal(SyncRunStatus.Cancelled, cancelled.Status);
            var listed = (await state.ListCheckpointsAsync(TenantId, ConnectorId, "listed:")).Keys.Select(k => k["listed:".Length..]).ToList();
            if (listed.Count == 0 || listed.Count == conversations.Count)
            {
                continue;
            }

            var before = conversations.ToDictionary(c => c.Id, c => HistoryRequests(c.Id));
            var resumed = await new CarbonVoiceSyncService(raw, state, Options.Create(h.SyncOptions), h.Time).SyncAsync(h.Client, new SyncRequest(TenantId, ConnectorId));

            Assert.Equal(SyncRunStatus.Succeeded, resumed.Status);
            Assert.All(listed, id => Assert.Equal(before[id], HistoryRequests(id)));
            Assert.All(conversations.Where(c => !listed.Contains(c.Id)), c => Assert.True(HistoryRequests(c.Id) > before[c.Id]));
            return;
        }

        Assert.Fail("No write boundary left some conversations listed and others not.");
    }
}
