namespace CarbonVoice.Sdk;

/// <summary>Names the SDK registers in dependency injection.</summary>
public static class CarbonVoiceServiceNames
{
    /// <summary>The named <see cref="HttpClient"/> of API calls.</summary>
    public const string ApiHttpClient = "CarbonVoice";

    /// <summary>The named <see cref="HttpClient"/> of the OAuth endpoints.</summary>
    public const string OAuthHttpClient = "CarbonVoice.OAuth";
}
