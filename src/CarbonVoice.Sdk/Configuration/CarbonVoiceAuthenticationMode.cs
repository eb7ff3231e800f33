namespace CarbonVoice.Sdk;

/// <summary>How the SDK authenticates API requests.</summary>
public enum CarbonVoiceAuthenticationMode
{
    /// <summary>OAuth 2.0 access tokens per connection, refreshed automatically (the default).</summary>
    OAuth = 0,

    /// <summary>A personal access token (<c>cv_pat_…</c>), sent as a bearer token.</summary>
    PersonalAccessToken = 1,

    /// <summary>An API key, sent in the <c>x-api-key</c> header.</summary>
    ApiKey = 2,
}
