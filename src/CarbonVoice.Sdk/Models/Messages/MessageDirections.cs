namespace CarbonVoice.Sdk;

/// <summary>The values of the <c>direction</c> parameter of the date-cursor message lists.</summary>
public static class MessageDirections
{
    /// <summary>From the date back in time (newest first). The service's default.</summary>
    public const string Older = "older";

    /// <summary>From the date forward in time (oldest first).</summary>
    public const string Newer = "newer";
}
