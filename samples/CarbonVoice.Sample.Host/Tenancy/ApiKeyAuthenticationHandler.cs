using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using CarbonVoice.Sample.Host.Progress;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace CarbonVoice.Sample.Host.Tenancy;

/// <summary>
/// The development tenancy scheme: an API key in <c>X-Api-Key</c> mapped to a tenant by <see cref="TenancyOptions.ApiKeys"/>
/// (keys are compared by SHA-256 in constant time), or on a WebSocket request a single-use <c>?ticket=</c> issued by
/// <see cref="ProgressTickets"/>: an API key never travels in a URL.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptionsMonitor<TenancyOptions> tenancy,
    ProgressTickets tickets,
    IProblemDetailsService problems) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>The scheme name.</summary>
    public const string SchemeName = "ApiKey";

    /// <summary>The query parameter carrying a progress ticket on WebSocket requests.</summary>
    public const string TicketParameter = "ticket";

    /// <summary>Maps the X-Api-Key header (or a progress ticket on a WebSocket request) to a tenant.</summary>
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var settings = tenancy.CurrentValue;
        var presented = Request.Headers[settings.HeaderName].ToString();
        string? tenant;
        if (!string.IsNullOrEmpty(presented))
        {
            tenant = FindTenant(settings, presented);
            if (tenant is null)
            {
                return Task.FromResult(AuthenticateResult.Fail("Unknown API key."));
            }
        }
        else if (Context.WebSockets.IsWebSocketRequest && Request.Query.ContainsKey(TicketParameter))
        {
            tenant = tickets.Redeem(Request.Query[TicketParameter].ToString());
            if (tenant is null)
            {
                return Task.FromResult(AuthenticateResult.Fail("Unknown, used or expired progress ticket."));
            }
        }
        else
        {
            return Task.FromResult(AuthenticateResult.NoResult());
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
