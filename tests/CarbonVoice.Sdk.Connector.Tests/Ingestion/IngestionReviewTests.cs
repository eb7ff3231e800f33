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
}
