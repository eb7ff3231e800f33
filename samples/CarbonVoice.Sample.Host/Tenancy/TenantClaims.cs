using System.Security.Claims;

namespace CarbonVoice.Sample.Host.Tenancy;

/// <summary>The claim every authentication scheme of the host must issue, and the policy that requires it.</summary>
public static class TenantClaims
{
    /// <summary>The tenant id claim.</summary>
    public const string TenantId = "tenant_id";

    /// <summary>The authorization policy of every tenant route.</summary>
    public const string Policy = "tenant";

    /// <summary>The authenticated tenant (the policy guarantees it is there).</summary>
    /// <param name="user">The user.</param>
    public static string GetTenantId(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.FindFirstValue(TenantId) ?? throw new InvalidOperationException("The request has no tenant; the route must require the tenant policy.");
    }
}
