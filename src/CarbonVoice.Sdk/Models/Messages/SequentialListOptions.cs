namespace CarbonVoice.Sdk;

/// <summary>Options of <see cref="IMessagesClient.ListSequentialAsync"/> (<c>GET /v3/messages/{channel_id}/sequential/{start}/{stop}</c>, sequence windows).</summary>
public sealed record SequentialListOptions
{
    /// <summary>The first sequence number to read (1-based, inclusive). Default 1.</summary>
    public int StartSequence { get; init; } = 1;

    /// <summary>
    /// The last sequence number to read (inclusive). With it, every window up to it is read even when some are empty
    /// (a run of deleted messages); without it, the list ends at the first empty window.
    /// </summary>
    public int? EndSequence { get; init; }

    /// <summary>The window size: 100–500 is recommended; 1–500 is accepted. Default 100.</summary>
    public int PageSize { get; init; } = 100;
}
