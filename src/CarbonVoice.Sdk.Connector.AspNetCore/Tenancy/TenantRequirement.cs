using Microsoft.AspNetCore.Authorization;

namespace CarbonVoice.Sdk.Connector.AspNetCore;

/// <summary>Met when the <see cref="ITenantResolver"/> finds a tenant for the request.</summary>
internal sealed class TenantRequirement : IAuthorizationRequirement;

/// <summary>Checks <see cref="TenantRequirement"/> with the registered <see cref="ITenantResolver"/>.</summary>
internal sealed class TenantRequirementHandler(ITenantResolver tenants) : AuthorizationHandler<TenantRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, TenantRequirement requirement)
    {
        var http = context.Resource as HttpContext;
        if (http is not null && tenants.GetTenantId(http) is not null)
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
