using Microsoft.Extensions.Logging;

namespace CarbonVoice.Sdk.Internal;

/// <summary>The log messages of token storage (source generated). None carries a token, code or secret.</summary>
internal static partial class TokenLog
{
    [LoggerMessage(20, LogLevel.Error, "The refreshed Carbon Voice token of connection {ConnectionId} could not be stored; it is kept in memory and the write is retried in {RetryInMs} ms (the server has rotated the refresh token: the stored one no longer works)")]
    public static partial void TokenWriteFailed(ILogger logger, string connectionId, double retryInMs, Exception exception);

    [LoggerMessage(21, LogLevel.Information, "The refreshed Carbon Voice token of connection {ConnectionId} was stored after {Attempts} failed attempt(s)")]
    public static partial void PendingTokenStored(ILogger logger, string connectionId, int attempts);

    [LoggerMessage(22, LogLevel.Warning, "Connection {ConnectionId} got a newer token from another writer while its refreshed token waited to be stored; the newer one is kept")]
    public static partial void TokenSupersededByNewer(ILogger logger, string connectionId);

    [LoggerMessage(23, LogLevel.Information, "The refresh token of connection {ConnectionId} was refused, but the store holds a newer one (refreshed by another process); using it")]
    public static partial void RefreshedElsewhere(ILogger logger, string connectionId);

    [LoggerMessage(24, LogLevel.Error, "The refreshed Carbon Voice token of connection {ConnectionId} was never stored before the provider was disposed; the connection must be authorized again")]
    public static partial void PendingTokenAbandoned(ILogger logger, string connectionId);

    [LoggerMessage(25, LogLevel.Debug, "The token of connection {ConnectionId} was changed by another writer during a refresh; retrying the conditional write")]
    public static partial void TokenWriteConflict(ILogger logger, string connectionId);
}
