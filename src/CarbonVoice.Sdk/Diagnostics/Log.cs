using Microsoft.Extensions.Logging;

namespace CarbonVoice.Sdk.Internal;

/// <summary>Every log message of the SDK (source generated). None of them carries a token, code or secret.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Debug, "Carbon Voice {Endpoint} answered {StatusCode} in {ElapsedMs} ms")]
    public static partial void RequestCompleted(ILogger logger, string endpoint, int statusCode, double elapsedMs);

    [LoggerMessage(2, LogLevel.Warning, "Carbon Voice {Endpoint} failed without a response after {ElapsedMs} ms")]
    public static partial void RequestFailed(ILogger logger, string endpoint, double elapsedMs, Exception exception);

    [LoggerMessage(3, LogLevel.Information, "Refreshing the Carbon Voice access token of connection {ConnectionId}")]
    public static partial void RefreshingToken(ILogger logger, string connectionId);

    [LoggerMessage(4, LogLevel.Debug, "Connection {ConnectionId} was refreshed by another caller; reusing its token")]
    public static partial void TokenAlreadyRefreshed(ILogger logger, string connectionId);

    [LoggerMessage(5, LogLevel.Warning, "The refresh token of connection {ConnectionId} was refused; the user must authorize again")]
    public static partial void RefreshTokenRejected(ILogger logger, string connectionId);

    [LoggerMessage(6, LogLevel.Information, "Carbon Voice rate limit: waiting {WaitMs} ms before {Endpoint} (attempt {Attempt})")]
    public static partial void WaitingForRateLimit(ILogger logger, string endpoint, double waitMs, int attempt);

    [LoggerMessage(7, LogLevel.Warning, "Carbon Voice {Endpoint} answered 401; refreshing the token of connection {ConnectionId} and retrying once")]
    public static partial void RetryingAfterUnauthorized(ILogger logger, string endpoint, string connectionId);


    [LoggerMessage(9, LogLevel.Debug, "Fetched the OAuth authorization server metadata of {Issuer}")]
    public static partial void MetadataFetched(ILogger logger, string issuer);

    [LoggerMessage(10, LogLevel.Debug, "No OAuth authorization server metadata at {BaseAddress}; using the default endpoints")]
    public static partial void MetadataUnavailable(ILogger logger, Uri baseAddress);
}
