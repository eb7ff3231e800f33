namespace CarbonVoice.Sdk.Testing;

/// <summary>Which credential authenticated a request.</summary>
public enum EmulatorAuthKind
{
    /// <summary>No (valid) credential.</summary>
    None,

    /// <summary>An OAuth access token as Bearer.</summary>
    OAuth,

    /// <summary>A <c>cv_pat_...</c> personal access token as Bearer.</summary>
    PersonalAccessToken,

    /// <summary>An API key in <c>x-api-key</c>.</summary>
    ApiKey,
}
