namespace CarbonVoice.Sdk.Connector;

/// <summary>Which sync to run.</summary>
public enum SyncMode
{
    /// <summary>Delta when a previous sync finished, full otherwise.</summary>
    Auto,

    /// <summary>A full sync (an interrupted full sync resumes from its checkpoints).</summary>
    Full,

    /// <summary>A delta sync; falls back to full when no sync has finished yet.</summary>
    Delta,
}
