namespace CarbonVoice.Sdk.Connector.AspNetCore;

/// <summary>
/// Finds the tenant of a request. The default (<see cref="ClaimsTenantResolver"/>) reads a claim of the authenticated user;
/// replace it with <c>UseTenantResolver&lt;T&gt;()</c> when a service keeps tenants elsewhere (a route value, a host name).
/// A tenant route answers 403 when the user is authenticated but no tenant is found.
/// </summary>
public interface ITenantResolver
{
    /// <summary>The tenant of the request, or null when it has none.</summary>
    /// <param name="context">The request (its <see cref="HttpContext.User"/> is authenticated by the host's scheme).</param>
    string? GetTenantId(HttpContext context);
}
