
namespace CarbonVoice.Sample.Host.Security;

/// <summary>
/// One log line per request with the method, the path and the status, never the query string: the OAuth callback
/// carries the authorization code and state there, the progress WebSocket its ticket. ASP.NET Core's own request
/// lines (category <c>Microsoft.AspNetCore.Hosting.Diagnostics</c>, which print the whole URL) are filtered to warnings.
/// </summary>
internal static partial class RequestLog
{
    public const string HostingCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";

    public static ILoggingBuilder AddRedactedRequestLog(this ILoggingBuilder logging)
        => logging.AddFilter(HostingCategory, LogLevel.Warning);

    public static IApplicationBuilder UseRedactedRequestLog(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger("CarbonVoice.Sample.Host.Requests");
        var time = app.ApplicationServices.GetRequiredService<TimeProvider>();
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
