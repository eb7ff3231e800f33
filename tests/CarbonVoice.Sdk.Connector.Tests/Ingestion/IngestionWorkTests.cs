using CarbonVoice.Sdk.Connector.Tests.Ingestion.Counters;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.ML.Tokenizers;
using static CarbonVoice.Sdk.Connector.Tests.Support.RawPayloads;

namespace CarbonVoice.Sdk.Connector.Tests.Ingestion;

/// <summary>How much tokenizer work ingestion does, and that chunking conversations in parallel changes nothing.</summary>
public sealed class IngestionWorkTests
{
    private static readonly Tokenizer Reference = TiktokenTokenizer.CreateForModel("gpt-4");
    private static readonly string[] Vocabulary = ["pipeline", "customer", "renewal", "quarter", "budget", "roadmap", "the", "a", "we", "should", "ship", "invoice", "onboarding", "and", "to", "is", "it", "for", "next", "week"];

    [Fact]
    public async Task Each_transcript_character_is_tokenized_at_most_1_3_times()
    {
        var counter = new CountingTokenCounter(TiktokenTokenCounter.Shared);
        var (records, transcriptCharacters) = Transcripts(conversations: 4, messages: 60, seed: 3);
        var chunks = await IngestAsync(records, counter, new IngestionOptions());

        var ratio = (double)counter.Characters / transcriptCharacters;
        Assert.InRange(ratio, 0.9, 1.3);
        Assert.All(chunks, c => Assert.Equal(Reference.CountTokens(c.Text), c.TokenCount));
        Assert.All(chunks, c => Assert.True(c.TokenCount <= 512));
    }

    [Fact]
    public async Task Chunking_conversations_in_parallel_gives_the_chunks_of_one_at_a_time()
    {
        var (records, _) = Transcripts(conversations: 9, messages: 30, seed: 5);
        var sequential = await IngestAsync(records, TiktokenTokenCounter.Shared, new IngestionOptions { ConversationParallelism = 1, ConversationFlushThreshold = 4 });
        var parallel = await IngestAsync(records, TiktokenTokenCounter.Shared, new IngestionOptions { ConversationParallelism = 4, ConversationFlushThreshold = 4 });

        Assert.True(sequential.Count > 40, sequential.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(Fingerprint(sequential), Fingerprint(parallel));
    }

    private static List<string> Fingerprint(List<Chunk> chunks)
        => chunks.Select(c => $"{c.ChunkId}|{c.SourceKey}|{c.Index}|{c.TokenCount}|{c.ContentHash}|{c.Text}").ToList();

    private static async Task<List<Chunk>> IngestAsync(List<RawRecordUpsert> records, ITokenCounter counter, IngestionOptions options)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 2, 10, 0, 0, 0, TimeSpan.Zero));
        var raw = new InMemoryRawDataStore(time);
        var chunks = new InMemoryChunkStore(time);
        var service = new CarbonVoiceIngestionService(raw, chunks, new InMemorySyncStateStore(time), new KeywordPillarMapper(Options.Create(new PillarMappingOptions())), counter, Options.Create(options), time);
        foreach (var batch in records.Chunk(200))
        {
            await raw.UpsertAsync(batch);
        }

        Assert.Equal(SyncRunStatus.Succeeded, (await service.IngestAsync(TenantId, ConnectorId)).Status);
        var all = new List<Chunk>();
        string? token = null;
        do
        {
            var page = await chunks.QueryAsync(new ChunkQuery(TenantId, ConnectorId), token, 500);
            all.AddRange(page.Items.Select(i => i.Chunk));
            token = page.ContinuationToken;
        }
        while (token is not null);
        return all.OrderBy(c => c.SourceKey, StringComparer.Ordinal).ThenBy(c => c.Index).ToList();
    }

    /// <summary>Conversations of messages with the emulator's mix of lengths: 45 % short, 40 % medium, 12 % long, 3 % very long (capped).</summary>
    private static (List<RawRecordUpsert> Records, long TranscriptCharacters) Transcripts(int conversations, int messages, int seed)
    {
        var random = new Random(seed);
        var records = new List<RawRecordUpsert>();
        long characters = 0;
        for (var c = 0; c < conversations; c++)
        {
            records.Add(Channel($"conv{c}", $"Conversation {c}"));
            for (var m = 0; m < messages; m++)
            {
                var roll = random.NextDouble();
                var words = roll < 0.45 ? random.Next(3, 30) : roll < 0.85 ? random.Next(30, 200) : roll < 0.97 ? random.Next(200, 1000) : random.Next(1000, 2000);
                var transcript = Sentences(random, words);
                characters += transcript.Length;
                records.Add(Message($"c{c}m{m}", $"conv{c}", m + 1, transcript, random.Next(2) == 0 ? "u1" : "u2", m));
            }
        }

        return (records, characters);
    }

    private static string Sentences(Random random, int words)
    {
        var text = new System.Text.StringBuilder();
        for (var w = 0; w < words; w++)
        {
            text.Append(Vocabulary[random.Next(Vocabulary.Length)]).Append(random.Next(9) == 0 ? ". " : " ");
        }

        return text.ToString().Trim() + ".";
    }
}
