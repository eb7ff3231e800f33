namespace CarbonVoice.Sdk.Connector;

/// <summary>What a <see cref="ConnectorJob"/> runs.</summary>
public enum ConnectorJobKind
{
    /// <summary>A sync (<see cref="ICarbonVoiceSyncService.SyncAsync(SyncRequest, IProgress{SyncProgress}?, CancellationToken)"/>).</summary>
    Sync,

    /// <summary>An ingestion (<see cref="ICarbonVoiceIngestionService.IngestAsync(string, string, IProgress{IngestionProgress}?, CancellationToken)"/>).</summary>
    Ingestion,
}
