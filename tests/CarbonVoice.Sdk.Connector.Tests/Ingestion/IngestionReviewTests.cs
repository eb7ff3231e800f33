using CarbonVoice.Sdk.Connector.Tests.Support;
using Microsoft.ML.Tokenizers;
using static CarbonVoice.Sdk.Connector.Tests.Support.RawPayloads;

namespace CarbonVoice.Sdk.Connector.Tests.Ingestion;

public sealed class IngestionReviewTests
{
    private static readonly Tokenizer Reference = TiktokenTokenizer.CreateForModel("gpt-4");

    [Fact]
    public async Task A_deleted_conversation_loses_its_transcript_and_summary_chunks()
    {
        var h = new IngestionHarness();
        await h.Raw.UpsertAsync([Channel("conv1", "C"), Message("m1", "conv1", 1, "Hello there."), Message("m2", "conv1", 2, "General Kenobi."), Summary("conv1", "They greeted each other.")]);
        await h.IngestAsync();
        Assert.Equal(2, (await h.AllChunksAsync()).Count);

        await h.Raw.TombstoneAsync([Key(CarbonVoiceEntities.Channel, "conv1")]);
        var run = await h.IngestAsync();
        Assert.Equal(SyncRunStatus.Succeeded, run.Status);
        Assert.Empty(await h.AllChunksAsync());

        // A summary that changes later does not bring chunks back for the deleted conversation.
        await h.Raw.UpsertAsync([Summary("conv1", "A newer summary.")]);
        await h.IngestAsync();
        Assert.Empty(await h.AllChunksAsync());
    }

    [Fact]
    public async Task A_text_attachment_names_its_conversation_and_loses_its_chunks_when_the_conversation_is_deleted()
    {
        var h = new IngestionHarness();
        var attachment = RawRecordUpsert.FromJson(
            Key(CarbonVoiceEntities.Attachment, "att1"),
            """{"id":"att1","message_id":"m1","conversation_id":"conv1","workspace_id":"ws1","creator_id":"u1","filename":"notes.txt","mime_type":"text/plain","content_status":"fetched","content":"The quarterly numbers are in."}""",
            "conv1");
        await h.Raw.UpsertAsync([Channel("conv1", "Finance"), attachment]);
        await h.IngestAsync();
        var chunk = Assert.Single(await h.AllChunksAsync(), c => c.Chunk.SourceKey == "attachment:att1").Chunk;
        Assert.Contains("| Conversation: Finance |", chunk.Text, StringComparison.Ordinal);

        await h.Raw.TombstoneAsync([Key(CarbonVoiceEntities.Channel, "conv1")]);
        await h.Raw.UpsertAsync([attachment with { Payload = attachment.Payload.Replace("are in.", "are final.", StringComparison.Ordinal), ContentHash = "changed" }]);
        var run = await h.IngestAsync();

        Assert.Equal(SyncRunStatus.Succeeded, run.Status);
        Assert.DoesNotContain(await h.AllChunksAsync(), c => c.Chunk.SourceKey == "attachment:att1");
    }

    [Fact]
    public async Task A_single_grouped_message_that_does_not_fit_with_the_header_is_split_within_the_limit()
    {
        var h = new IngestionHarness(new IngestionOptions { MaxTokens = 128, OverlapTokens = 16, GroupMessageMaxTokens = 128 });
        var text = string.Join(" ", Enumerable.Repeat("cat", 105));
        await h.Raw.UpsertAsync([Channel("conv1", "A rather long conversation name for the header here"), Message("m1", "conv1", 1, text, "u1", 0)]);
        var run = await h.IngestAsync();
        Assert.Equal(SyncRunStatus.Succeeded, run.Status);
        var chunks = await h.AllChunksAsync();
        Assert.NotEmpty(chunks);
        Assert.All(chunks, c => Assert.True(Reference.CountTokens(c.Chunk.Text) <= 128, $"{Reference.CountTokens(c.Chunk.Text)} tokens: {c.Chunk.Text}"));
        Assert.All(chunks, c => Assert.Equal("m1", c.Chunk.Metadata["message_id"]));
    }

    [Theory]
    [InlineData(128, 16, 0)]
    [InlineData(128, 16, 128)]
    [InlineData(128, 0, 100)]
    [InlineData(64, 8, 64)]
    [InlineData(96, 32, 90)]
    [InlineData(256, 32, 256)]
    [InlineData(512, 64, 0)]
    public async Task No_chunk_exceeds_the_limit_whatever_the_options(int maxTokens, int overlap, int groupLimit)
    {
        var h = new IngestionHarness(new IngestionOptions { MaxTokens = maxTokens, OverlapTokens = overlap, GroupMessageMaxTokens = groupLimit, ConversationFlushThreshold = 3 });
        var random = new Random(maxTokens + overlap + groupLimit);
        var records = new List<RawRecordUpsert>();
        var texts = Corpus.Varied().ToList();
        for (var c = 0; c < 4; c++)
        {
            records.Add(Channel($"conv{c}", $"Conversation {c} with a name long enough to weigh on the header " + new string('é', c * 10)));
            for (var m = 0; m < 25; m++)
            {
                var text = random.Next(3) switch
                {
                    0 => string.Join(" ", Enumerable.Repeat("cat", random.Next(20, maxTokens))),
                    1 => texts[random.Next(texts.Count)],
                    _ => Corpus.Sentences(random.Next(), random.Next(1, 6)),
                };
                records.Add(Message($"c{c}m{m}", $"conv{c}", m + 1, text, random.Next(2) == 0 ? "u1" : "u2", m * 7));
            }

            records.Add(ActionItem($"a{c}", Corpus.Sentences(c, 2), Corpus.Sentences(c + 100, random.Next(1, 30)), $"conv{c}"));
            records.Add(Summary($"conv{c}", Corpus.Sentences(c + 200, random.Next(1, 30))));
        }

        await h.Raw.UpsertAsync(records);
        var run = await h.IngestAsync();
        Assert.Equal(SyncRunStatus.Succeeded, run.Status);
        var chunks = await h.AllChunksAsync();
        Assert.All(chunks, c => Assert.True(Reference.CountTokens(c.Chunk.Text) <= maxTokens, $"{c.Chunk.SourceKey}#{c.Chunk.Index}: {Reference.CountTokens(c.Chunk.Text)} > {maxTokens}"));
    }

    [Fact]
    public async Task Ingestion_reports_records_read_and_chunks_written_and_deleted_as_it_goes()
    {
        var h = new IngestionHarness(new IngestionOptions { ReadPageSize = 5, ConversationFlushThreshold = 2 });
        var records = new List<RawRecordUpsert>();
        for (var c = 0; c < 4; c++)
        {
            records.Add(Channel($"conv{c}", $"Conversation {c}"));
            for (var m = 0; m < 4; m++)
            {
                records.Add(Message($"c{c}m{m}", $"conv{c}", m + 1, $"Message {m} of conversation {c}.", "u1", m));
            }
        }

        records.Add(ActionItem("a1", "Send the invoice"));
        await h.Raw.UpsertAsync(records);

        var events = new List<IngestionProgress>();
        var run = await h.Service.IngestAsync(TenantId, ConnectorId, new SyncProgressCollector(events));
        Assert.Equal(SyncRunStatus.Succeeded, run.Status);
        Assert.Equal(IngestionPhase.Starting, events[0].Phase);
        Assert.All(events, e => Assert.Equal(run.Id, e.RunId));
        Assert.True(events.Count(e => e.Phase == IngestionPhase.Reading) >= 4, string.Join(", ", events.Select(e => e.Phase)));
        Assert.Contains(events, e => e.Phase == IngestionPhase.Conversations && e.Percent is > 0 and <= 100);
        var reads = events.Select(e => e.RecordsRead).ToList();
        Assert.Equal(reads.Order(), reads);
        Assert.Contains(events, e => e.Phase != IngestionPhase.Completed && e.RecordsRead > 0 && e.RecordsRead < records.Count);
        Assert.Contains(events, e => e.Phase != IngestionPhase.Completed && e.ChunksWritten > 0 && e.ChunksWritten < 5);
        var last = events[^1];
        Assert.Equal(IngestionPhase.Completed, last.Phase);
        Assert.Equal(SyncRunStatus.Succeeded, last.Status);
        Assert.Equal(100, last.Percent);
        Assert.Equal(records.Count, last.RecordsRead);
        Assert.Equal(5, last.ChunksWritten);
        Assert.Equal(0, last.ChunksDeleted);

        await h.Raw.TombstoneAsync([Key(CarbonVoiceEntities.ActionItem, "a1")]);
        events.Clear();
        await h.Service.IngestAsync(TenantId, ConnectorId, new SyncProgressCollector(events));
        Assert.Equal(1, events[^1].ChunksDeleted);
        Assert.Equal(1, events[^1].RecordsRead);
    }

    private sealed class SyncProgressCollector(List<IngestionProgress> events) : IProgress<IngestionProgress>
    {
        public void Report(IngestionProgress value) => events.Add(value);
    }
}
