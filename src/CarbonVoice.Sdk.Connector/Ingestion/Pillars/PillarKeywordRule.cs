namespace CarbonVoice.Sdk.Connector;

/// <summary>Maps chunks that mention any of <see cref="Keywords"/> (case-insensitive, whole words) to <see cref="Pillar"/>.</summary>
public sealed class PillarKeywordRule
{
    /// <summary>The pillar.</summary>
    public string Pillar { get; set; } = string.Empty;

    /// <summary>The keywords or phrases.</summary>
    public IList<string> Keywords { get; } = [];

    /// <summary>Only for these entity types (empty for all).</summary>
    public IList<string> EntityTypes { get; } = [];
}
