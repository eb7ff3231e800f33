using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using CarbonVoice.Sdk.Connector.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace CarbonVoice.Sample.Host.Tenancy;

/// <summary>
/// The development tenancy scheme: an API key in <c>X-Api-Key</c> mapped to a tenant by <see cref="TenancyOptions.ApiKeys"/>
/// (keys are compared by SHA-256 in constant time), issuing the <see cref="TenantClaims.TenantId"/> claim the connector's
/// routes read. An API key never travels in a URL: the progress WebSocket is opened with a ticket instead.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptionsMonitor<TenancyOptions> tenancy,
    IProblemDetailsService problems) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>The scheme name.</summary>
    public const string SchemeName = "ApiKey";

    /// <summary>Maps the X-Api-Key header to a tenant.</summary>
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var settings = tenancy.CurrentValue;
        var presented = Request.Headers[settings.HeaderName].ToString();
        if (string.IsNullOrEmpty(presented))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var tenant = FindTenant(settings, presented);
        if (tenant is null)
        {
            return Task.FromResult(AuthenticateResult.Fail("Unknown API key."));
        }

        var identity = new ClaimsIdentity([new Claim(TenantClaims.TenantId, tenant)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    /// <summary>Answers 401 as a problem.</summary>
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = $"ApiKey header=\"{tenancy.CurrentValue.HeaderName}\"";
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails =
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = "Authentication required",
                Detail = $"Send a tenant API key in the {tenancy.CurrentValue.HeaderName} header.",
            },
        });
    }

    /// <summary>Answers 403 as a problem.</summary>
    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = { Status = StatusCodes.Status403Forbidden, Title = "Forbidden" },
        });
    }

    private static string? FindTenant(TenancyOptions settings, string presented)
    {
        var presentedHash = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        string? match = null;
        foreach (var (key, tenant) in settings.ApiKeys)
        {
            // Every key is compared, in constant time, so timing tells nothing about which one nearly matched.
            if (CryptographicOperations.FixedTimeEquals(presentedHash, SHA256.HashData(Encoding.UTF8.GetBytes(key))) && !string.IsNullOrWhiteSpace(tenant))
            {
                match = tenant;
            }
        }

        return match;
    }
}
