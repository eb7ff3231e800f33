using CarbonVoice.Sdk.Connector.Tests.Support;
using Microsoft.ML.Tokenizers;
using static CarbonVoice.Sdk.Connector.Tests.Support.EmulatorHarness;

namespace CarbonVoice.Sdk.Connector.Tests.EndToEnd;

public sealed class SyncAndIngestionTests
{
    private static readonly Tokenizer Reference = TiktokenTokenizer.CreateForModel("gpt-4");

    [Theory]
    [InlineData(StoreKind.InMemory)]
    [InlineData(StoreKind.Sqlite)]
    public async Task Full_sync_then_ingestion_against_the_emulator(StoreKind kind)
    {
        await using var h = new EmulatorHarness(kind);
        var progress = new RecordingProgress();
        var run = await h.SyncAsync(progress: progress);

        Assert.Equal(SyncRunStatus.Succeeded, run.Status);
        Assert.Equal(SyncKind.Full, run.Kind);
        Assert.Equal(0, run.ErrorCount);

        var workspaces = h.Emulator.Data.WorkspacesOf(h.UserId);
        var conversations = workspaces.SelectMany(w => h.Emulator.Data.ConversationsIn(w.Id)).ToList();
        var messages = conversations.SelectMany(c => h.Emulator.Data.MessagesIn(c.Id)).ToList();
        Assert.NotEmpty(messages);
        Assert.Equal(workspaces.Count, await h.Raw.CountAsync(TenantId, ConnectorId, CarbonVoiceEntities.Workspace));
        Assert.Equal(conversations.Count, await h.Raw.CountAsync(TenantId, ConnectorId, CarbonVoiceEntities.Channel));
        Assert.Equal(messages.Count, await h.Raw.CountAsync(TenantId, ConnectorId, CarbonVoiceEntities.Message));
        Assert.Equal(messages.Count, run.Counts[CarbonVoiceEntities.Message].New);
        var sample = await h.Raw.GetAsync(new RawRecordKey(TenantId, ConnectorId, CarbonVoiceEntities.Message, messages[0].Id));
        Assert.Equal(messages[0].ConversationId, sample!.ParentId);
        Assert.Contains(messages[0].Transcript[..Math.Min(20, messages[0].Transcript.Length)], sample.Payload, StringComparison.Ordinal);

        var last = progress.Events[^1];
        Assert.Equal(SyncPhase.Completed, last.Phase);
        Assert.Equal(run.Status, last.Status);
        Assert.Equal(run.Counts.OrderBy(p => p.Key), last.Counts.OrderBy(p => p.Key));
        Assert.Equal(SyncPhase.Starting, progress.Events[0].Phase);
        Assert.Contains(progress.Events, e => e.Phase == SyncPhase.Messages && e.Percent == 100);
        var stored = await h.State.GetRunAsync(run.Id);
        Assert.Equal(run.Counts.OrderBy(p => p.Key), stored!.Counts.OrderBy(p => p.Key));

        var ingestion = await h.IngestAsync();
        Assert.Equal(SyncRunStatus.Succeeded, ingestion.Status);
        Assert.Equal(0, ingestion.ErrorCount);
        var chunkCount = await h.Chunks.CountAsync(new ChunkQuery(TenantId, ConnectorId) { EntityType = CarbonVoiceEntities.Message });
        Assert.True(chunkCount >= conversations.Count(c => h.Emulator.Data.MessagesIn(c.Id).Count > 0));
        var page = await h.Chunks.QueryAsync(new ChunkQuery(TenantId, ConnectorId), pageSize: 1000);
        Assert.All(page.Items, c => Assert.True(Reference.CountTokens(c.Chunk.Text) <= 512));
        Assert.All(page.Items.Where(c => c.Chunk.EntityType == CarbonVoiceEntities.Message), c => Assert.StartsWith("Conversation: ", c.Chunk.Text, StringComparison.Ordinal));

        var again = await h.SyncAsync();
        Assert.Equal(SyncKind.Delta, again.Kind);
        Assert.Equal(SyncRunStatus.Succeeded, again.Status);
        Assert.Equal(0, again.Counts.Values.Sum(c => c.New + c.Changed + c.Deleted));
        Assert.Empty((await h.IngestAsync()).Counts);
    }

    [Fact]
    public async Task Entity_toggles_limit_what_is_synced()
    {
        await using var h = new EmulatorHarness();
        await h.Sync.SetEnabledEntitiesAsync(TenantId, ConnectorId, [CarbonVoiceEntities.Workspace, CarbonVoiceEntities.Channel]);
        var run = await h.SyncAsync();
        Assert.Equal(SyncRunStatus.Succeeded, run.Status);
        Assert.Equal(0, await h.Raw.CountAsync(TenantId, ConnectorId, CarbonVoiceEntities.Message));
        Assert.Equal(0, await h.Raw.CountAsync(TenantId, ConnectorId, CarbonVoiceEntities.ActionItem));
        Assert.True(await h.Raw.CountAsync(TenantId, ConnectorId, CarbonVoiceEntities.Channel) > 0);
        await Assert.ThrowsAsync<ArgumentException>(() => h.Sync.SetEnabledEntitiesAsync(TenantId, ConnectorId, ["nope"]));
    }

    [Fact]
    public async Task Summaries_are_synced_when_enabled()
    {
        await using var h = new EmulatorHarness();
        var entities = new HashSet<string>(CarbonVoiceEntities.DefaultEnabled) { CarbonVoiceEntities.ConversationSummary };
        var run = await h.SyncAsync(entities: entities);
        Assert.Equal(SyncRunStatus.Succeeded, run.Status);
        Assert.True(run.Counts.ContainsKey(CarbonVoiceEntities.ConversationSummary));
    }

    [Fact]
    public async Task A_conversation_gone_from_its_workspace_takes_its_messages_and_chunks_with_it()
    {
        await using var h = new EmulatorHarness();
        var workspace = h.Emulator.Data.WorkspacesOf(h.UserId)[0].Id;
        RawRecordKey Key(string entity, string id) => new(TenantId, ConnectorId, entity, id);

        // A conversation stored by an earlier sync that the service no longer lists (deleted).
        await h.Raw.UpsertAsync(
        [
            RawPayloads.Channel("ghost", "Ghost", workspace) with { Key = Key(CarbonVoiceEntities.Channel, "ghost") },
            RawPayloads.Message("gm1", "ghost", 1, "A message of the deleted conversation.") with { Key = Key(CarbonVoiceEntities.Message, "gm1") },
        ]);
        await h.IngestAsync();
        Assert.NotEmpty((await h.Chunks.QueryAsync(new ChunkQuery(TenantId, ConnectorId) { ConversationId = "ghost" })).Items);

        Assert.Equal(SyncRunStatus.Succeeded, (await h.SyncAsync(SyncMode.Full)).Status);
        Assert.True((await h.Raw.GetAsync(Key(CarbonVoiceEntities.Channel, "ghost")))!.IsDeleted);
        Assert.True((await h.Raw.GetAsync(Key(CarbonVoiceEntities.Message, "gm1")))!.IsDeleted);

        Assert.Equal(SyncRunStatus.Succeeded, (await h.IngestAsync()).Status);
        Assert.Empty((await h.Chunks.QueryAsync(new ChunkQuery(TenantId, ConnectorId) { ConversationId = "ghost" })).Items);
    }
}
