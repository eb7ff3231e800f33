namespace CarbonVoice.Sdk.Connector;

/// <summary>What an upsert did to one record.</summary>
public enum UpsertOutcome
{
    /// <summary>The record did not exist and was written.</summary>
    New,

    /// <summary>The record existed with different content (or deletion state) and was rewritten.</summary>
    Changed,

    /// <summary>The record existed with the same content hash: nothing was written.</summary>
    Unchanged,
}
