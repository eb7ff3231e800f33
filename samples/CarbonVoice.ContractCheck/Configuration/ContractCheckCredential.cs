namespace CarbonVoice.ContractCheck;

/// <summary>
/// The credential of a check. The secret never leaves this object except into the SDK's options: <see cref="ToString"/>
/// names only the kind, and every text the check produces is scrubbed of the secret before it is written.
/// </summary>
public sealed class ContractCheckCredential
{
    private ContractCheckCredential(CredentialKind kind, string secret)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(secret);
        Kind = kind;
        Secret = secret.Trim();
    }

    /// <summary>The kind of credential.</summary>
    public CredentialKind Kind { get; }

    /// <summary>Whether the credential is sent as a bearer token (personal access token or OAuth access token).</summary>
    public bool IsBearer => Kind != CredentialKind.ApiKey;

    /// <summary>The secret itself; internal so that nothing outside the check can print it by accident.</summary>
    internal string Secret { get; }

    /// <summary>A personal access token, sent as a bearer token.</summary>
    /// <param name="token">The token.</param>
    public static ContractCheckCredential PersonalAccessToken(string token) => new(CredentialKind.PersonalAccessToken, token);

    /// <summary>An OAuth access token, sent as a bearer token and never refreshed.</summary>
    /// <param name="token">The token.</param>
    public static ContractCheckCredential OAuthAccessToken(string token) => new(CredentialKind.OAuthAccessToken, token);

    /// <summary>An API key, sent in the <c>x-api-key</c> header.</summary>
    /// <param name="key">The key.</param>
    public static ContractCheckCredential ApiKey(string key) => new(CredentialKind.ApiKey, key);

    /// <summary>The kind only; never the secret.</summary>
    public override string ToString() => $"{Kind} (redacted)";
}
