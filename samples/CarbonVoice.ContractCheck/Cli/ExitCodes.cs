namespace CarbonVoice.ContractCheck;

/// <summary>The exit codes of the console.</summary>
public static class ExitCodes
{
    /// <summary>Every route answered in a way the SDK could read (or 403/404/not applicable).</summary>
    public const int Success = 0;

    /// <summary>At least one route failed: a body the SDK could not read, or an error other than 403/404.</summary>
    public const int Failures = 1;

    /// <summary>Bad configuration or arguments: nothing was called.</summary>
    public const int BadConfiguration = 2;
}
