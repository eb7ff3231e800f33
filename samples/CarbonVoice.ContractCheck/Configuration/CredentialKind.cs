using System.Text.Json.Serialization;

namespace CarbonVoice.ContractCheck;

/// <summary>The kind of credential the check authenticates with.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CredentialKind>))]
public enum CredentialKind
{
    /// <summary>A personal access token (<c>cv_pat_…</c>), sent as a bearer token (<c>CARBONVOICE_PERSONAL_ACCESS_TOKEN</c>).</summary>
    [JsonStringEnumMemberName("personal_access_token")]
    PersonalAccessToken = 0,

    /// <summary>An OAuth access token obtained elsewhere, sent as a bearer token (<c>CARBONVOICE_ACCESS_TOKEN</c>); it is never refreshed.</summary>
    [JsonStringEnumMemberName("oauth_access_token")]
    OAuthAccessToken = 1,

    /// <summary>An API key, sent in the <c>x-api-key</c> header (<c>CARBONVOICE_API_KEY</c>).</summary>
    [JsonStringEnumMemberName("api_key")]
    ApiKey = 2,
}
