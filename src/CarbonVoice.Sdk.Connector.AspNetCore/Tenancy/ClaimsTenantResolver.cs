using Microsoft.Extensions.Options;

namespace CarbonVoice.Sdk.Connector.AspNetCore;

/// <summary>The default <see cref="ITenantResolver"/>: the authenticated user's <see cref="CarbonVoiceConnectorEndpointsOptions.TenantClaimType"/> claim.</summary>
/// <param name="options">The endpoint options.</param>
public sealed class ClaimsTenantResolver(IOptions<CarbonVoiceConnectorEndpointsOptions> options) : ITenantResolver
{
    /// <inheritdoc />
    public string? GetTenantId(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.User.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        var value = context.User.FindFirst(options.Value.TenantClaimType)?.Value;
        return string.IsNullOrWhiteSpace(value) ? null : value;
    }
}
