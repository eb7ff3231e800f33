using System.ComponentModel.DataAnnotations;

namespace CarbonVoice.Sdk.Connector;

/// <summary>How raw records become chunks.</summary>
public sealed class IngestionOptions
{
    /// <summary>The most tokens in a chunk, header and overlap included (cl100k_base). 512 by default.</summary>
    [Range(32, 8192)]
    public int MaxTokens { get; set; } = 512;

    /// <summary>The tokens consecutive chunks of one long text share. 64 by default; must be below half of <see cref="MaxTokens"/>.</summary>
    [Range(0, 4095)]
    public int OverlapTokens { get; set; } = 64;

    /// <summary>Messages whose line is at most this many tokens are grouped with their neighbours; longer ones get chunks of their own. Half of <see cref="MaxTokens"/> when 0.</summary>
    [Range(0, 8192)]
    public int GroupMessageMaxTokens { get; set; }

    /// <summary>A gap longer than this between consecutive messages starts a new group. 6 hours by default.</summary>
    public TimeSpan GroupMaxGap { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Raw records read per page. 500 by default.</summary>
    [Range(1, 10_000)]
    public int ReadPageSize { get; set; } = 500;

    /// <summary>Changed conversations collected before their transcripts are re-chunked and the watermark moves. 200 by default.</summary>
    [Range(1, 100_000)]
    public int ConversationFlushThreshold { get; set; } = 200;

    /// <summary>
    /// How many conversations have their transcripts chunked at once (reading and writing stay in order, so the chunks are
    /// the same as one at a time). The number of processors when 0 (the default).
    /// </summary>
    [Range(0, 256)]
    public int ConversationParallelism { get; set; }

    /// <summary>The most errors kept in the run record (all are counted). 200 by default.</summary>
    [Range(1, 100_000)]
    public int MaxRecordedErrors { get; set; } = 200;

    /// <summary>
    /// How long the ingestion lease of a connector lasts unless renewed (renewed every third of this while the run is alive;
    /// see <see cref="SyncOptions.LeaseDuration"/>). 30 seconds by default.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the <see cref="IngestionWorker"/> waits before queuing again a request refused because another run held the lease. 30 seconds by default.</summary>
    public TimeSpan BusyRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    internal int EffectiveConversationParallelism => ConversationParallelism > 0 ? ConversationParallelism : Environment.ProcessorCount;

    internal int EffectiveGroupMessageMaxTokens => GroupMessageMaxTokens > 0 ? Math.Min(GroupMessageMaxTokens, MaxTokens) : MaxTokens / 2;
}
