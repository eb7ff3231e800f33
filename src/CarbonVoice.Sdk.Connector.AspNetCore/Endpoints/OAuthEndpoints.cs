using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace CarbonVoice.Sdk.Connector.AspNetCore;

internal static class OAuthEndpoints
{
    /// <summary>Maps <c>POST /oauth/start</c> (tenant) and <c>GET /oauth/callback</c> (anonymous: the state names the tenant).</summary>
    public static RouteGroupBuilder MapOAuthApi(this RouteGroupBuilder group)
    {
        group.MapPost("/oauth/start", StartAsync).RequireAuthorization(TenantClaims.Policy)
            .WithName("StartOAuth").WithSummary("Creates the Carbon Voice authorization URL for a company.");
        group.MapGet("/oauth/callback", CallbackAsync).AllowAnonymous().WithName("CompleteOAuth")
            .WithSummary("Carbon Voice redirects the browser here after consent: connects the connector and redirects to the return URL, or answers a refusal page.")
            .Produces(StatusCodes.Status302Found).Produces<string>(StatusCodes.Status400BadRequest, "text/html");
        return group;
    }

    private static async Task<Results<Ok<OAuthStartResponse>, ProblemHttpResult>> StartAsync(
        [FromQuery(Name = "company_id")] string? companyId, ConnectorTenant tenant, HttpRequest request, OAuthFlow flow, CancellationToken cancellationToken)
    {
        if (Problems.CompanyIdProblem(companyId) is { } invalid)
        {
            return invalid;
        }

        // Bind the authorization to this browser: the callback must come with the same cookie. A browser that already
        // holds a binding keeps it, so that two tabs can start authorizations side by side.
        var nonce = request.Cookies[OAuthFlow.BrowserCookieName] is { } existing && OAuthFlow.IsWellFormedNonce(existing) ? existing : OAuthFlow.CreateBrowserNonce();
        var (url, expires) = await flow.StartAsync(tenant.Id, companyId!, nonce, cancellationToken);
        request.HttpContext.Response.Cookies.Append(OAuthFlow.BrowserCookieName, nonce, BindingCookie(request, expires));
        return TypedResults.Ok(new OAuthStartResponse(url.ToString(), expires));
    }

    private static CookieOptions BindingCookie(HttpRequest request, DateTimeOffset? expires) => new()
    {
        HttpOnly = true,
        Secure = request.IsHttps,
        SameSite = SameSiteMode.Lax, // sent on the top-level GET that Carbon Voice redirects back with
        Path = request.PathBase.Add(new PathString(request.HttpContext.RequestServices.GetRequiredService<ConnectorRoutes>().OAuthPath)).Value,
        Expires = expires,
        IsEssential = true,
    };

    private static async Task<IResult> CallbackAsync(
        [FromQuery] string? code, [FromQuery] string? state, [FromQuery] string? error, HttpRequest request, OAuthFlow flow, IOptions<CarbonVoiceConnectorEndpointsOptions> options, CancellationToken cancellationToken)
    {
        var result = await flow.CompleteAsync(code, state, error, request.Cookies[OAuthFlow.BrowserCookieName], cancellationToken);
        request.HttpContext.Response.Cookies.Delete(OAuthFlow.BrowserCookieName, BindingCookie(request, null));
        var returnUrl = options.Value.OAuthReturnUrl;
        if (result.ConnectorId is { } connectorId)
        {
            var separator = returnUrl.Contains('?', StringComparison.Ordinal) ? '&' : '?';
            return TypedResults.Redirect($"{returnUrl}{separator}connected={connectorId}");
        }

        return TypedResults.Content(OAuthPages.Refused(result.Title!, result.Detail!, returnUrl), "text/html; charset=utf-8", statusCode: result.StatusCode);
    }
}
