using Microsoft.AspNetCore.Diagnostics;

namespace CarbonVoice.Sdk.Connector.AspNetCore;

/// <summary>Maps exceptions that escape an endpoint to problem details: bad requests, Carbon Voice failures, stores that cannot serve.</summary>
internal sealed class ConnectorExceptionHandler(IProblemDetailsService problems, ILogger<ConnectorExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (StoreFailure.TryFrom(exception, out var store))
        {
            // The database's own text goes to the log only.
            logger.StoreUnavailable(exception, store.Store, store.Reason);
            httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            httpContext.Response.Headers.RetryAfter = store.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = httpContext,
                ProblemDetails =
                {
                    Status = StatusCodes.Status503ServiceUnavailable,
                    Type = StoreFailure.ProblemType,
                    Title = "Storage unavailable",
                    Detail = store.Describe(),
                    Extensions = { ["store"] = store.Store, ["reason"] = store.Reason, ["retry_after_seconds"] = store.RetryAfterSeconds },
                },
            });
        }

        var (status, title, detail) = exception switch
        {
            BadHttpRequestException bad => (bad.StatusCode, "Bad request", bad.Message),
            CarbonVoiceTokenExpiredException => (StatusCodes.Status409Conflict, "Connector authorization expired", "The Carbon Voice connection must be authorized again."),
            CarbonVoiceRateLimitException => (StatusCodes.Status503ServiceUnavailable, "Carbon Voice rate limit", "Carbon Voice asked to slow down; try again later."),
            CarbonVoiceException cv => (StatusCodes.Status502BadGateway, "Carbon Voice request failed", $"Carbon Voice answered {(int?)cv.StatusCode ?? 0} at {cv.Endpoint}."),
            _ => (0, null, null),
        };
        if (status == 0)
        {
            return false;
        }

        if (status >= 500)
        {
            logger.RequestFailed(status, exception.GetType().Name);
        }

        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }
}
