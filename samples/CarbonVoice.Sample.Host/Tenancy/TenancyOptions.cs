using CarbonVoice.Sdk.Connector.AspNetCore;

namespace CarbonVoice.Sample.Host.Tenancy;

/// <summary>How callers are mapped to tenants (section <c>Tenancy</c>).</summary>
public sealed class TenancyOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Tenancy";

    /// <summary>The default authentication scheme. Any scheme works if it issues a <see cref="TenantClaims.TenantId"/> claim.</summary>
    public string Scheme { get; set; } = ApiKeyAuthenticationHandler.SchemeName;

    /// <summary>The header carrying the development API key.</summary>
    public string HeaderName { get; set; } = "X-Api-Key";

    /// <summary>API key → tenant id.</summary>
    public Dictionary<string, string> ApiKeys { get; } = new(StringComparer.Ordinal);
}
