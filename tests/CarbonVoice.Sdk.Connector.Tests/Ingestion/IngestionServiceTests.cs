using CarbonVoice.Sdk.Connector.Tests.Support;
using Microsoft.ML.Tokenizers;
using static CarbonVoice.Sdk.Connector.Tests.Support.RawPayloads;

namespace CarbonVoice.Sdk.Connector.Tests.Ingestion;

public sealed class IngestionServiceTests
{
    private static readonly Tokenizer Reference = TiktokenTokenizer.CreateForModel("gpt-4");

    [Fact]
    public async Task Short_consecutive_messages_are_grouped_with_conversation_speaker_and_time_in_header_and_metadata()
    {
        var h = new IngestionHarness();
        await h.Raw.UpsertAsync([Channel("conv1", "Weekly sync"), Message("m1", "conv1", 1, "Hello team.", "u1", 0), Message("m2", "conv1", 2, "Hi Ana!", "u2", 1), Message("m3", "conv1", 3, "Let's start.", "u1", 2)]);
        var run = await h.IngestAsync();

        Assert.Equal(SyncRunStatus.Succeeded, run.Status);
        Assert.Equal(SyncKind.Ingestion, run.Kind);
        var chunk = Assert.Single(await h.AllChunksAsync()).Chunk;
        Assert.StartsWith("Conversation: Weekly sync | 2026-02-03 09:00 UTC to 2026-02-03 09:02 UTC | Speakers: Ana Núñez, Bo Li\n", chunk.Text, StringComparison.Ordinal);
        Assert.Contains("[2026-02-03 09:01 UTC] Bo Li: Hi Ana!", chunk.Text, StringComparison.Ordinal);
        Assert.Equal("conv1", chunk.ConversationId);
        Assert.Equal("ws1", chunk.WorkspaceId);
        Assert.Equal("m1,m2,m3", chunk.Metadata["message_ids"]);
        Assert.Equal("Ana Núñez, Bo Li", chunk.Metadata["speakers"]);
        Assert.Equal("2026-02-03T09:00:00Z", chunk.Metadata["start_time"]);
        Assert.Equal(CarbonVoiceEntities.CustomerHealthPillar, chunk.Pillar);
        Assert.Equal(ChunkIds.For(TenantId, ConnectorId, "conversation:conv1", 0), chunk.ChunkId);
        Assert.Equal(Reference.CountTokens(chunk.Text), chunk.TokenCount);
        Assert.Equal(4, await h.State.GetIngestionWatermarkAsync(TenantId, ConnectorId));
    }

    [Fact]
    public async Task A_long_transcript_gets_its_own_chunks_split_on_sentences_within_the_limit()
    {
        var h = new IngestionHarness(new IngestionOptions { MaxTokens = 128, OverlapTokens = 16 });
        await h.Raw.UpsertAsync([Channel("conv1", "Planning"), Message("m1", "conv1", 1, "Short one."), Message("m2", "conv1", 2, Corpus.Sentences(5, 120), "u2", 1), Message("m3", "conv1", 3, "After.", "u1", 2)]);
        await h.IngestAsync();
        var chunks = await h.AllChunksAsync();
        Assert.True(chunks.Count > 4);
        Assert.All(chunks, c => Assert.True(Reference.CountTokens(c.Chunk.Text) <= 128));
        var parts = chunks.Where(c => c.Chunk.Metadata.GetValueOrDefault("message_id") == "m2").ToList();
        Assert.Equal(chunks.Count - 2, parts.Count);
        Assert.All(parts, p => Assert.StartsWith("Conversation: Planning | Speaker: Bo Li | Time: 2026-02-03 09:01 UTC\n", p.Chunk.Text, StringComparison.Ordinal));
        Assert.Equal(Enumerable.Range(0, chunks.Count), chunks.Select(c => c.Chunk.Index));
    }

    [Fact]
    public async Task Reingesting_unchanged_data_writes_nothing()
    {
        var h = new IngestionHarness();
        await h.Raw.UpsertAsync([Channel("conv1", "C"), Message("m1", "conv1", 1, "Hello."), ActionItem("a1", "Send invoice"), Summary("conv1", "They said hello.")]);
        await h.IngestAsync();
        var before = await h.AllChunksAsync();

        var second = await h.IngestAsync();
        Assert.False(second.Counts.ContainsKey("chunk"));
        Assert.Empty(second.Counts);

        h.Time.Advance(TimeSpan.FromHours(1));
        await h.State.SetIngestionWatermarkAsync(TenantId, ConnectorId, 0);
        var replay = await h.IngestAsync();
        Assert.Equal(0, replay.Counts["chunk"].New + replay.Counts["chunk"].Changed + replay.Counts["chunk"].Deleted);
        Assert.Equal(before.Count, replay.Counts["chunk"].Unchanged);
        var after = await h.AllChunksAsync();
        Assert.Equal(before.Select(c => (c.Chunk.ChunkId, c.UpdatedAt)), after.Select(c => (c.Chunk.ChunkId, c.UpdatedAt)));
    }

    [Fact]
    public async Task Reaction_only_bump_changes_nothing_downstream()
    {
        var h = new IngestionHarness();
        await h.Raw.UpsertAsync([Channel("conv1", "C"), Message("m1", "conv1", 1, "Hello.")]);
        await h.IngestAsync();
        var bump = await h.Raw.UpsertAsync([Message("m1", "conv1", 1, "Hello.", updatedAt: "2026-02-09T00:00:00Z")]);
        Assert.Equal(UpsertOutcome.Unchanged, bump[0].Outcome);
        Assert.Empty((await h.IngestAsync()).Counts);
    }

    [Fact]
    public async Task A_changed_source_replaces_its_chunks_and_deletes_extra_old_ones()
    {
        var h = new IngestionHarness(new IngestionOptions { MaxTokens = 64, OverlapTokens = 8 });
        await h.Raw.UpsertAsync([Channel("conv1", "C"), Message("m1", "conv1", 1, Corpus.Sentences(11, 40))]);
        await h.IngestAsync();
        var many = await h.AllChunksAsync();
        Assert.True(many.Count > 3);

        h.Time.Advance(TimeSpan.FromMinutes(1));
        await h.Raw.UpsertAsync([Message("m1", "conv1", 1, "Now it is short.")]);
        var run = await h.IngestAsync();
        var after = await h.AllChunksAsync();
        var only = Assert.Single(after);
        Assert.Contains("Now it is short.", only.Chunk.Text, StringComparison.Ordinal);
        Assert.Equal(many[0].Chunk.ChunkId, only.Chunk.ChunkId);
        Assert.Equal(many.Count - 1, run.Counts["chunk"].Deleted);
        Assert.Equal(1, run.Counts["chunk"].Changed);
    }

    [Fact]
    public async Task Tombstones_remove_chunks()
    {
        var h = new IngestionHarness();
        await h.Raw.UpsertAsync([Channel("conv1", "C"), Message("m1", "conv1", 1, "Keep me."), Message("m2", "conv1", 2, "Delete me."), ActionItem("a1", "Task")]);
        await h.IngestAsync();
        Assert.Equal(2, (await h.AllChunksAsync()).Count);

        await h.Raw.TombstoneAsync([Key(CarbonVoiceEntities.Message, "m2"), Key(CarbonVoiceEntities.ActionItem, "a1")]);
        await h.IngestAsync();
        var chunk = Assert.Single(await h.AllChunksAsync()).Chunk;
        Assert.DoesNotContain("Delete me", chunk.Text, StringComparison.Ordinal);

        await h.Raw.TombstoneAsync([Key(CarbonVoiceEntities.Message, "m1")]);
        await h.IngestAsync();
        Assert.Empty(await h.AllChunksAsync());
    }

    [Fact]
    public async Task Action_items_and_summaries_become_chunks_with_pillar_hints_and_keyword_rules()
    {
        var pillars = new PillarMappingOptions();
        var rule = new PillarKeywordRule { Pillar = "financial_health" };
        rule.Keywords.Add("invoice");
        pillars.Rules.Add(rule);
        var h = new IngestionHarness(pillars: pillars);
        await h.Raw.UpsertAsync([Channel("conv1", "Billing"), ActionItem("a1", "Send the Invoice", "By Friday"), ActionItem("a2", "Plan roadmap"), Summary("conv1", "The team agreed on next steps.")]);
        await h.IngestAsync();
        var chunks = (await h.AllChunksAsync()).Select(c => c.Chunk).ToList();
        var invoice = chunks.Single(c => c.SourceKey == "action_item:a1");
        Assert.Equal("financial_health", invoice.Pillar);
        Assert.StartsWith("Action item: Send the Invoice | Status: todo | Due: 2026-03-01 00:00 UTC | Assigned to: Bo Li | Conversation: Billing\n", invoice.Text, StringComparison.Ordinal);
        Assert.Contains("By Friday", invoice.Text, StringComparison.Ordinal);
        Assert.Equal(CarbonVoiceEntities.OperationalMaturityPillar, chunks.Single(c => c.SourceKey == "action_item:a2").Pillar);
        var summary = chunks.Single(c => c.EntityType == CarbonVoiceEntities.ConversationSummary);
        Assert.StartsWith("Conversation summary: Billing", summary.Text, StringComparison.Ordinal);
        Assert.Equal("conv1", summary.ConversationId);
        Assert.Equal(1, await h.Chunks.CountAsync(new ChunkQuery(TenantId, ConnectorId) { ConversationId = "conv1", Pillar = CarbonVoiceEntities.OperationalMaturityPillar }));
    }

    [Fact]
    public async Task Bad_input_is_quarantined_and_never_stops_the_rest()
    {
        var h = new IngestionHarness();
        var huge = Corpus.Sentences(21, 30_000);
        await h.Raw.UpsertAsync([
            Channel("conv1", "Mixed 🎉"),
            Broken(CarbonVoiceEntities.Message, "bad1"),
            Broken(CarbonVoiceEntities.ActionItem, "bad2"),
            Message("m-empty", "conv1", 2, null),
            Message("m-emoji", "conv1", 3, "Ça va? 👋🏽 数据同步 🚀🔥", minute: 1),
            Message("m-huge", "conv1", 4, huge[..Math.Min(huge.Length, 1_000_000)], minute: 2),
            Message("m-dup", "conv1", 5, "Same id twice."),
            Message("m-dup", "conv1", 5, "Same id twice."),
            ActionItem("a-ok", "Still ingested"),
            Channel("conv0", "No messages"),
        ]);
        var run = await h.IngestAsync();

        Assert.Equal(SyncRunStatus.Succeeded, run.Status);
        Assert.Equal(2, run.ErrorCount);
        Assert.Contains(run.Errors, e => e.ExternalId == "bad1" && e.EntityType == CarbonVoiceEntities.Message);
        Assert.Contains(run.Errors, e => e.ExternalId == "bad2" && e.EntityType == CarbonVoiceEntities.ActionItem);
        var chunks = (await h.AllChunksAsync()).Select(c => c.Chunk).ToList();
        Assert.Contains(chunks, c => c.Text.Contains("👋🏽 数据同步 🚀🔥", StringComparison.Ordinal));
        Assert.Contains(chunks, c => c.SourceKey == "action_item:a-ok");
        Assert.Contains(chunks, c => c.Text.Contains("Same id twice.", StringComparison.Ordinal));
        Assert.DoesNotContain(chunks, c => c.Metadata.GetValueOrDefault("message_ids", "").Contains("m-empty", StringComparison.Ordinal));
        Assert.True(chunks.Count(c => c.Metadata.GetValueOrDefault("message_id") == "m-huge") > 100);
        Assert.All(chunks, c => Assert.True(Reference.CountTokens(c.Text) <= 512));
        Assert.Empty(await h.AllChunksAsync(new ChunkQuery(TenantId, ConnectorId) { ConversationId = "conv0" }));

        var again = await h.IngestAsync();
        Assert.Equal(0, again.ErrorCount);
    }

    [Fact]
    public async Task A_transcript_that_arrives_later_is_ingested_on_the_next_run()
    {
        var h = new IngestionHarness();
        await h.Raw.UpsertAsync([Channel("conv1", "C"), Message("m1", "conv1", 1, null)]);
        await h.IngestAsync();
        Assert.Empty(await h.AllChunksAsync());
        var arrived = await h.Raw.UpsertAsync([Message("m1", "conv1", 1, "Transcript is ready.")]);
        Assert.Equal(UpsertOutcome.Changed, arrived[0].Outcome);
        await h.IngestAsync();
        Assert.Contains("Transcript is ready.", Assert.Single(await h.AllChunksAsync()).Chunk.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_large_varied_corpus_never_exceeds_the_limit()
    {
        var h = new IngestionHarness(new IngestionOptions { MaxTokens = 256, OverlapTokens = 32, ConversationFlushThreshold = 3, ReadPageSize = 50 });
        var random = new Random(42);
        var records = new List<RawRecordUpsert>();
        var texts = Corpus.Varied().ToList();
        // Every text of the varied corpus once (round robin over the conversations), the other messages a few sentences;
        // the last conversation's name is long enough that its header is cut.
        for (var c = 0; c < 4; c++)
        {
            records.Add(Channel($"conv{c}", $"Conversation {c} " + new string('é', c * 40)));
            for (var m = 0; m < 12; m++)
            {
                var text = m % 4 == 0 ? texts[((m / 4) * 4) + c] : Corpus.Sentences(random.Next(), random.Next(1, 6));
                records.Add(Message($"c{c}m{m}", $"conv{c}", m + 1, text, random.Next(2) == 0 ? "u1" : "u2", m * 7));
            }

            records.Add(ActionItem($"a{c}", Corpus.Sentences(c, 2), Corpus.Sentences(c + 100, random.Next(1, 60)), $"conv{c}"));
            records.Add(Summary($"conv{c}", Corpus.Sentences(c + 200, random.Next(1, 80))));
        }

        foreach (var batch in records.Chunk(100))
        {
            await h.Raw.UpsertAsync(batch);
        }

        var run = await h.IngestAsync();
        Assert.Equal(SyncRunStatus.Succeeded, run.Status);
        var chunks = await h.AllChunksAsync();
        Assert.True(chunks.Count > 100, chunks.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(12, texts.Count);
        Assert.All(chunks, c => Assert.True(Reference.CountTokens(c.Chunk.Text) <= 256, $"{c.Chunk.SourceKey}#{c.Chunk.Index}"));
        Assert.All(chunks, c => Assert.Equal(Reference.CountTokens(c.Chunk.Text), c.Chunk.TokenCount));
    }

    [Fact]
    public async Task The_feed_is_read_without_payloads_and_only_records_other_than_messages_are_read_whole()
    {
        var raw = new WatchingRawDataStore(new InMemoryRawDataStore());
        var h = new IngestionHarness(raw: raw);
        var parentless = RawRecordUpsert.FromJson(Key(CarbonVoiceEntities.Message, "m2"), Message("m2", "conv2", 1, "No parent stored.").Payload);
        await h.Raw.UpsertAsync([Channel("conv1", "C"), Channel("conv2", "D"), Message("m1", "conv1", 1, "Hello."), parentless, ActionItem("a1", "Send invoice"), Summary("conv1", "They said hello.")]);

        var run = await h.IngestAsync();

        Assert.Equal(SyncRunStatus.Succeeded, run.Status);
        Assert.Equal(0, raw.FullFeedReads);
        Assert.True(raw.HeaderFeedReads > 0);
        Assert.DoesNotContain(Key(CarbonVoiceEntities.Message, "m1"), raw.Reads);
        Assert.Contains(Key(CarbonVoiceEntities.Message, "m2"), raw.Reads);
        Assert.Contains(Key(CarbonVoiceEntities.ActionItem, "a1"), raw.Reads);
        Assert.Contains(await h.AllChunksAsync(), c => c.Chunk.SourceKey == "action_item:a1");
    }

    [Fact]
    public async Task A_record_purged_between_the_feed_and_its_read_counts_as_deleted()
    {
        var raw = new WatchingRawDataStore(new InMemoryRawDataStore());
        var h = new IngestionHarness(raw: raw);
        await h.Raw.UpsertAsync([Channel("conv1", "C"), ActionItem("a1", "Send invoice"), Summary("conv1", "They said hello.")]);
        await h.IngestAsync();
        Assert.Equal(2, (await h.AllChunksAsync()).Count);

        await h.Raw.UpsertAsync([ActionItem("a1", "Send the invoice today"), Summary("conv1", "They said goodbye.")]);
        raw.Hidden.Add(Key(CarbonVoiceEntities.ActionItem, "a1"));
        raw.Hidden.Add(Key(CarbonVoiceEntities.ConversationSummary, "conv1"));
        var run = await h.IngestAsync();

        Assert.Equal(SyncRunStatus.Succeeded, run.Status);
        Assert.Empty(await h.AllChunksAsync());
    }

    /// <summary>Counts the feed reads of each kind and the keys read whole; a hidden key reads as missing (purged).</summary>
    private sealed class WatchingRawDataStore(IRawDataStore inner) : DelegatingRawDataStore(inner)
    {
        public int FullFeedReads { get; private set; }

        public int HeaderFeedReads { get; private set; }

        public List<RawRecordKey> Reads { get; } = [];

        public HashSet<RawRecordKey> Hidden { get; } = [];

        public override async Task<RawRecord?> GetAsync(RawRecordKey key, CancellationToken cancellationToken = default)
        {
            Reads.Add(key);
            return Hidden.Contains(key) ? null : await base.GetAsync(key, cancellationToken);
        }

        public override Task<RawRecordPage> ReadChangedSinceAsync(string tenantId, string connectorId, long watermark, int pageSize, CancellationToken cancellationToken = default)
        {
            FullFeedReads++;
            return base.ReadChangedSinceAsync(tenantId, connectorId, watermark, pageSize, cancellationToken);
        }

        public override Task<RawRecordHeaderPage> ReadChangedHeadersSinceAsync(string tenantId, string connectorId, long watermark, int pageSize, CancellationToken cancellationToken = default)
        {
            HeaderFeedReads++;
            return base.ReadChangedHeadersSinceAsync(tenantId, connectorId, watermark, pageSize, cancellationToken);
        }
    }

    [Fact]
    public async Task Ingestion_of_one_connector_is_exclusive()
    {
        var h = new IngestionHarness();
        var held = await h.State.TryAcquireLeaseAsync(TenantId, ConnectorId + "#ingestion", "someone-else", TimeSpan.FromMinutes(5));
        Assert.NotNull(held);
        await Assert.ThrowsAsync<ConnectorBusyException>(() => h.IngestAsync());
    }
}
