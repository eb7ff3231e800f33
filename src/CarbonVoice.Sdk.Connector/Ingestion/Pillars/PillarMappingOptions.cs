namespace CarbonVoice.Sdk.Connector;

/// <summary>Options of the default <see cref="KeywordPillarMapper"/>.</summary>
public sealed class PillarMappingOptions
{
    /// <summary>Keyword rules, tried in order; the first that matches wins. None by default.</summary>
    public IList<PillarKeywordRule> Rules { get; } = [];

    /// <summary>The pillar when no rule matches and the entity has no hint.</summary>
    public string DefaultPillar { get; set; } = CarbonVoiceEntities.OperationalMaturityPillar;
}
