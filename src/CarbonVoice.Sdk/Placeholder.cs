namespace CarbonVoice.Sdk;

/// <summary>Temporary.</summary>
public static class Placeholder
{
}
