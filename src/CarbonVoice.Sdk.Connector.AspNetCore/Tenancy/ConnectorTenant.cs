using System.Reflection;

namespace CarbonVoice.Sdk.Connector.AspNetCore;

/// <summary>
/// The tenant of a request, bound as an endpoint parameter from the <see cref="ITenantResolver"/>. The tenant routes
/// require <see cref="TenantClaims.Policy"/>, which has already checked that there is one.
/// </summary>
/// <param name="Id">The tenant id.</param>
internal sealed record ConnectorTenant(string Id)
{
    public static ValueTask<ConnectorTenant?> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        var id = context.RequestServices.GetRequiredService<ITenantResolver>().GetTenantId(context)
            ?? throw new InvalidOperationException("The request has no tenant; the route must require the CarbonVoiceConnectorTenant policy.");
        return ValueTask.FromResult<ConnectorTenant?>(new ConnectorTenant(id));
    }
}
