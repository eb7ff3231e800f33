namespace CarbonVoice.Sdk.Connector;

/// <summary>All connector options, for <c>services.AddCarbonVoiceConnector(o => ...)</c>.</summary>
public sealed class CarbonVoiceConnectorOptions
{
    /// <summary>Sync options.</summary>
    public SyncOptions Sync { get; } = new();

    /// <summary>Ingestion (chunking) options.</summary>
    public IngestionOptions Ingestion { get; } = new();

    /// <summary>Pillar keyword rules.</summary>
    public PillarMappingOptions Pillars { get; } = new();

    /// <summary>Whether to host the <see cref="IngestionWorker"/> that drains the ingestion queue. True by default.</summary>
    public bool RunIngestionWorker { get; set; } = true;
}
