namespace CarbonVoice.ContractCheck;

/// <summary>Reads the check's configuration from environment variables.</summary>
public static class ContractCheckEnvironment
{
    /// <summary>The service address; <see cref="ContractCheckOptions.DefaultBaseAddress"/> when unset.</summary>
    public const string BaseUrl = "CARBONVOICE_BASE_URL";

    /// <summary>A personal access token (<c>cv_pat_…</c>), sent as a bearer token.</summary>
    public const string PersonalAccessToken = "CARBONVOICE_PERSONAL_ACCESS_TOKEN";

    /// <summary>An OAuth access token, sent as a bearer token.</summary>
    public const string AccessToken = "CARBONVOICE_ACCESS_TOKEN";

    /// <summary>An API key, sent in the <c>x-api-key</c> header.</summary>
    public const string ApiKey = "CARBONVOICE_API_KEY";

    /// <summary>Optional: an export job id to read with <c>GET /data-exporter/{id}</c>.</summary>
    public const string ExportId = "CARBONVOICE_EXPORT_ID";

    /// <summary>The credential variables, in the order they are documented.</summary>
    public static IReadOnlyList<string> CredentialVariables { get; } = [PersonalAccessToken, AccessToken, ApiKey];

    /// <summary>Builds the options from the variables, or explains what is missing or wrong.</summary>
    /// <param name="getVariable">Reads a variable (for example <see cref="Environment.GetEnvironmentVariable(string)"/>); blank values count as unset.</param>
    /// <param name="options">The options, when the configuration is good.</param>
    /// <param name="error">What to fix, naming the variables (never their values), when it is not.</param>
    /// <returns>Whether the configuration is good.</returns>
    public static bool TryRead(Func<string, string?> getVariable, out ContractCheckOptions? options, out string? error)
    {
        ArgumentNullException.ThrowIfNull(getVariable);
        options = null;
        string? Read(string name) => getVariable(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

        var baseAddress = ContractCheckOptions.DefaultBaseAddress;
        if (Read(BaseUrl) is { } url)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var parsed) || (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps))
            {
                error = $"{BaseUrl} must be an absolute http or https URL such as {ContractCheckOptions.DefaultBaseAddress}.";
                return false;
            }

            baseAddress = parsed;
        }

        var set = CredentialVariables.Where(name => Read(name) is not null).ToList();
        if (set.Count == 0)
        {
            error = $"No credential is set. Set exactly one of {PersonalAccessToken} (a personal access token, sent as a bearer token), "
                + $"{AccessToken} (an OAuth access token, sent as a bearer token) or {ApiKey} (an API key, sent as x-api-key). "
                + $"{BaseUrl} is optional (default {ContractCheckOptions.DefaultBaseAddress}).";
            return false;
        }

        if (set.Count > 1)
        {
            error = $"Several credentials are set ({string.Join(", ", set)}). Set exactly one of {string.Join(", ", CredentialVariables)}.";
            return false;
        }

        var secret = Read(set[0])!;
        var credential = set[0] switch
        {
            PersonalAccessToken => ContractCheckCredential.PersonalAccessToken(secret),
            AccessToken => ContractCheckCredential.OAuthAccessToken(secret),
            _ => ContractCheckCredential.ApiKey(secret),
        };
        options = new ContractCheckOptions { BaseAddress = baseAddress, Credential = credential, ExportId = Read(ExportId) };
        error = null;
        return true;
    }
}
