using System.Net;

namespace CarbonVoice.Sdk.Connector.AspNetCore;

/// <summary>The package's log messages (never a token, code, state or ticket).</summary>
internal static partial class ConnectorLog
{
    [LoggerMessage(1, LogLevel.Warning, "Token revocation for connector {ConnectorId} failed: {Type}.")]
    public static partial void TokenRevocationFailed(this ILogger logger, string connectorId, string type);

    [LoggerMessage(2, LogLevel.Warning, "Request failed with 503: the {Store} store is {Reason}.")]
    public static partial void StoreUnavailable(this ILogger logger, Exception exception, string store, string reason);

    [LoggerMessage(3, LogLevel.Warning, "Request failed with {Status}: {Type}")]
    public static partial void RequestFailed(this ILogger logger, int status, string type);

    [LoggerMessage(4, LogLevel.Warning, "OAuth callback for tenant {TenantId} refused: the browser is not the one that started the authorization.")]
    public static partial void OAuthBrowserMismatch(this ILogger logger, string tenantId);

    [LoggerMessage(5, LogLevel.Warning, "Code exchange failed with status {Status} ({Type}).")]
    public static partial void CodeExchangeFailed(this ILogger logger, HttpStatusCode? status, string type);

    [LoggerMessage(6, LogLevel.Information, "Connector {ConnectorId} connected for tenant {TenantId}.")]
    public static partial void ConnectorConnected(this ILogger logger, string connectorId, string tenantId);

    [LoggerMessage(7, LogLevel.Warning, "A {Kind} run of connector {ConnectorId} was not recorded within {Timeout}.")]
    public static partial void RunNotRecorded(this ILogger logger, SyncKind kind, string connectorId, TimeSpan timeout);

    [LoggerMessage(8, LogLevel.Error, "A {Kind} run of connector {ConnectorId} failed.")]
    public static partial void RunFailed(this ILogger logger, Exception exception, SyncKind kind, string connectorId);

    [LoggerMessage(9, LogLevel.Error, "The end of run {RunId} could not be recorded; it shows as interrupted once its lease lapses.")]
    public static partial void RunEndLost(this ILogger logger, Exception exception, string runId);

    [LoggerMessage(10, LogLevel.Warning, "The end of run {RunId} could not be recorded (attempt {Attempt}); retrying.")]
    public static partial void RunEndRetry(this ILogger logger, Exception exception, string runId, int attempt);

    [LoggerMessage(11, LogLevel.Error, "Could not record the end of run {RunId}.")]
    public static partial void RunEndFailed(this ILogger logger, Exception exception, string runId);

    [LoggerMessage(12, LogLevel.Warning, "Could not start a follow-up {Kind} run of connector {ConnectorId}.")]
    public static partial void FollowUpFailed(this ILogger logger, Exception exception, SyncKind kind, string connectorId);

    [LoggerMessage(13, LogLevel.Information, "Webhook {Event} queued delta syncs for {Count} connector(s).")]
    public static partial void WebhookQueued(this ILogger logger, string? @event, int count);
}
