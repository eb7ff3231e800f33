namespace CarbonVoice.Sdk.Connector.AspNetCore;

/// <summary>Where the routes were mapped (set by <c>MapCarbonVoiceConnector</c> and <c>MapCarbonVoiceProgress</c>), for the links the API hands out.</summary>
internal sealed class ConnectorRoutes
{
    /// <summary>The default prefix of the connector's routes (the guide's).</summary>
    public const string DefaultPrefix = "/api/connectors/carbonvoice";

    /// <summary>The default prefix of the progress WebSocket.</summary>
    public const string DefaultProgressPrefix = "/ws";

    /// <summary>The prefix of the connector's routes, without a trailing slash.</summary>
    public string Prefix { get; set; } = DefaultPrefix;

    /// <summary>The prefix of the progress WebSocket, without a trailing slash.</summary>
    public string ProgressPrefix { get; set; } = DefaultProgressPrefix;

    /// <summary>The OAuth callback route.</summary>
    public string CallbackPath => Prefix + "/oauth/callback";

    /// <summary>The path the OAuth browser-binding cookie is scoped to (start and callback).</summary>
    public string OAuthPath => Prefix + "/oauth";

    /// <summary>The webhook route.</summary>
    public string WebhookPath => Prefix + "/webhook";

    /// <summary>A run's status URL.</summary>
    public string RunUrl(string connectorId, string runId) => $"{Prefix}/{connectorId}/sync/{runId}";

    /// <summary>A tenant's progress WebSocket path.</summary>
    public string ProgressPath(string tenantId) => $"{ProgressPrefix}/{Uri.EscapeDataString(tenantId)}";

    /// <summary>Normalizes a prefix: a leading slash, no trailing one.</summary>
    public static string Normalize(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var trimmed = prefix.Trim().TrimEnd('/');
        return trimmed.StartsWith('/') ? trimmed : "/" + trimmed;
    }
}
