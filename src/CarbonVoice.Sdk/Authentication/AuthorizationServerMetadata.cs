namespace CarbonVoice.Sdk;

/// <summary>The OAuth 2.0 authorization server metadata (RFC 8414) served at <c>/.well-known/oauth-authorization-server</c>.</summary>
public sealed record AuthorizationServerMetadata : CarbonVoiceModel
{
    /// <summary>The issuer identifier.</summary>
    public string? Issuer { get; init; }

    /// <summary>The authorization endpoint.</summary>
    public Uri? AuthorizationEndpoint { get; init; }

    /// <summary>The token endpoint.</summary>
    public Uri? TokenEndpoint { get; init; }

    /// <summary>The userinfo endpoint.</summary>
    public Uri? UserinfoEndpoint { get; init; }

    /// <summary>The revocation endpoint (RFC 7009).</summary>
    public Uri? RevocationEndpoint { get; init; }

    /// <summary>The dynamic client registration endpoint.</summary>
    public Uri? RegistrationEndpoint { get; init; }

    /// <summary>Supported scopes.</summary>
    public IReadOnlyList<string>? ScopesSupported { get; init; }

    /// <summary>Supported response types.</summary>
    public IReadOnlyList<string>? ResponseTypesSupported { get; init; }

    /// <summary>Supported grant types.</summary>
    public IReadOnlyList<string>? GrantTypesSupported { get; init; }

    /// <summary>Supported client authentication methods at the token endpoint.</summary>
    public IReadOnlyList<string>? TokenEndpointAuthMethodsSupported { get; init; }

    /// <summary>Supported PKCE methods.</summary>
    public IReadOnlyList<string>? CodeChallengeMethodsSupported { get; init; }
}
