namespace CarbonVoice.Sdk.Tests.Support;

/// <summary>Shortcuts for JSON responses in MockHttp.</summary>
internal static class Json
{
    public const string MediaType = "application/json";
}
