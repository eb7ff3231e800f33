namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// One log line per request with the method, the path and the status, never the query string: the OAuth callback
/// carries the authorization code and state there, the progress WebSocket its ticket. ASP.NET Core's own request
/// lines (category <c>Microsoft.AspNetCore.Hosting.Diagnostics</c>, which print the whole URL) are filtered to warnings.
/// </summary>
public static partial class RedactedRequestLogExtensions
{
    /// <summary>The category of ASP.NET Core's own request lines.</summary>
    public const string HostingCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";

    /// <summary>The category of the redacted request lines.</summary>
    public const string Category = "CarbonVoice.Sdk.Connector.AspNetCore.Requests";

    /// <summary>Filters ASP.NET Core's request lines (whole URLs, query strings included) to warnings.</summary>
    /// <param name="logging">The logging builder.</param>
    public static ILoggingBuilder AddCarbonVoiceRedactedRequestLog(this ILoggingBuilder logging)
        => logging.AddFilter(HostingCategory, LogLevel.Warning);

    /// <summary>Logs every request as method, path (no query), status and duration.</summary>
    /// <param name="app">The application.</param>
    public static IApplicationBuilder UseCarbonVoiceRedactedRequestLog(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(Category);
        var time = app.ApplicationServices.GetService<TimeProvider>() ?? TimeProvider.System;
        return app.Use(async (context, next) =>
        {
            var started = time.GetTimestamp();
            try
            {
                await next(context);
            }
            finally
            {
                Handled(logger, context.Request.Method, context.Request.PathBase + context.Request.Path, context.Response.StatusCode, time.GetElapsedTime(started).TotalMilliseconds);
            }
        });
    }

    [LoggerMessage(1, LogLevel.Information, "{Method} {Path} answered {Status} in {ElapsedMs:F1} ms")]
    private static partial void Handled(ILogger logger, string method, string path, int status, double elapsedMs);
}
