namespace CarbonVoice.Sdk.Connector.AspNetCore;

/// <summary>The claim the default <see cref="ITenantResolver"/> reads, and the policy every tenant route requires.</summary>
public static class TenantClaims
{
    /// <summary>The tenant id claim read by <see cref="ClaimsTenantResolver"/> unless <see cref="CarbonVoiceConnectorEndpointsOptions.TenantClaimType"/> names another.</summary>
    public const string TenantId = "tenant_id";

    /// <summary>
    /// The authorization policy of every tenant route: an authenticated user for whom the <see cref="ITenantResolver"/>
    /// finds a tenant (registered by <c>AddCarbonVoiceConnectorEndpoints</c>).
    /// </summary>
    public const string Policy = "CarbonVoiceConnectorTenant";
}
