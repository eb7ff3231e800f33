using Microsoft.Extensions.Configuration;

namespace CarbonVoice.Sdk.Internal;

/// <summary>Overlays the <c>CARBONVOICE_*</c> variables (root configuration keys, as the environment-variable provider adds them) on the options.</summary>
internal static class CarbonVoiceEnvironmentConfiguration
{
    public static void Apply(IConfiguration configuration, CarbonVoiceOptions options)
    {
        if (Value(configuration, "CARBONVOICE_CLIENT_ID") is { } clientId)
        {
            options.ClientId = clientId;
        }

        if (Value(configuration, "CARBONVOICE_CLIENT_SECRET") is { } secret)
        {
            options.ClientSecret = secret;
        }

        if (Value(configuration, "CARBONVOICE_REDIRECT_URI") is { } redirect)
        {
            options.RedirectUri = new Uri(redirect, UriKind.RelativeOrAbsolute);
        }

        if (Value(configuration, "CARBONVOICE_BASE_URL") is { } baseUrl)
        {
            options.BaseAddress = new Uri(baseUrl, UriKind.RelativeOrAbsolute);
        }

        if (Value(configuration, "CARBONVOICE_API_KEY") is { } apiKey)
        {
            options.ApiKey = apiKey;
            options.AuthenticationMode = CarbonVoiceAuthenticationMode.ApiKey;
        }

        if (Value(configuration, "CARBONVOICE_PERSONAL_ACCESS_TOKEN") is { } pat)
        {
            options.PersonalAccessToken = pat;
            options.AuthenticationMode = CarbonVoiceAuthenticationMode.PersonalAccessToken;
        }
    }

    public static void Apply(IConfiguration configuration, CarbonVoiceWebhookOptions options)
    {
        if (Value(configuration, "CARBONVOICE_WEBHOOK_SECRET") is { } secret)
        {
            options.Secret = secret;
        }

        if (Value(configuration, "CARBONVOICE_WEBHOOK_HEADER") is { } header)
        {
            options.HeaderName = header;
        }
    }

    /// <summary>
    /// A root key of the configuration; when only a section was given (it cannot see root keys), the process
    /// environment variable of the same name.
    /// </summary>
    private static string? Value(IConfiguration configuration, string key)
    {
        var value = configuration is IConfigurationSection ? Environment.GetEnvironmentVariable(key) : configuration[key];
        return string.IsNullOrEmpty(value) ? null : value;
    }
}
