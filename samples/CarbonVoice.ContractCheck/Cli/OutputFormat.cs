namespace CarbonVoice.ContractCheck;

/// <summary>What the console writes to standard output.</summary>
public enum OutputFormat
{
    /// <summary>The readable table and details.</summary>
    Table = 0,

    /// <summary>The JSON report.</summary>
    Json = 1,
}
