using Microsoft.Extensions.Options;

namespace CarbonVoice.Sdk.Internal;

/// <summary>Cross-field rules of <see cref="CarbonVoiceOptions"/>, with messages that say what to set.</summary>
internal sealed class CarbonVoiceOptionsCustomValidator : IValidateOptions<CarbonVoiceOptions>
{
    public ValidateOptionsResult Validate(string? name, CarbonVoiceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.BaseAddress is { } baseAddress)
        {
            if (!baseAddress.IsAbsoluteUri)
            {
                failures.Add($"CarbonVoice:BaseAddress must be an absolute URL such as {CarbonVoiceOptions.DefaultBaseAddress} (got a relative URL).");
            }
            else if (baseAddress.Scheme != Uri.UriSchemeHttps && baseAddress.Scheme != Uri.UriSchemeHttp)
            {
                failures.Add("CarbonVoice:BaseAddress must be an http or https URL.");
            }
        }

        switch (options.AuthenticationMode)
        {
            case CarbonVoiceAuthenticationMode.OAuth:
                if (string.IsNullOrWhiteSpace(options.ClientId))
                {
                    failures.Add("CarbonVoice:ClientId is missing (environment variable CARBONVOICE_CLIENT_ID).");
                }

                if (string.IsNullOrWhiteSpace(options.ClientSecret))
                {
                    failures.Add("CarbonVoice:ClientSecret is missing (environment variable CARBONVOICE_CLIENT_SECRET).");
                }

                if (options.RedirectUri is { IsAbsoluteUri: false })
                {
                    failures.Add("CarbonVoice:RedirectUri must be an absolute URL (environment variable CARBONVOICE_REDIRECT_URI).");
                }

                break;
            case CarbonVoiceAuthenticationMode.PersonalAccessToken when string.IsNullOrWhiteSpace(options.PersonalAccessToken):
                failures.Add("CarbonVoice:PersonalAccessToken is missing (environment variable CARBONVOICE_PERSONAL_ACCESS_TOKEN).");
                break;
            case CarbonVoiceAuthenticationMode.ApiKey when string.IsNullOrWhiteSpace(options.ApiKey):
                failures.Add("CarbonVoice:ApiKey is missing (environment variable CARBONVOICE_API_KEY).");
                break;
        }

        if (options.AttemptTimeout > options.Timeout)
        {
            failures.Add("CarbonVoice:AttemptTimeout must not exceed CarbonVoice:Timeout.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
