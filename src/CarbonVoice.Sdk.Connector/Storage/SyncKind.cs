namespace CarbonVoice.Sdk.Connector;

/// <summary>The kind of a run in the sync log.</summary>
public enum SyncKind
{
    /// <summary>Everything is listed again (checkpoints still let an interrupted run resume).</summary>
    Full,

    /// <summary>Only what changed since the last successful sync.</summary>
    Delta,

    /// <summary>An ingestion run (raw records to chunks).</summary>
    Ingestion,
}
