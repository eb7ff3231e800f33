namespace CarbonVoice.Sdk.Connector;

/// <summary>Decides the BDE pillar of a chunk.</summary>
public interface IPillarMapper
{
    /// <summary>The pillar of a chunk.</summary>
    /// <param name="context">What is known about the chunk.</param>
    string MapPillar(PillarMappingContext context);
}
