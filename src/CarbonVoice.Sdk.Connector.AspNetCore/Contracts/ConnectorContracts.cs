
namespace CarbonVoice.Sdk.Connector.AspNetCore;

/// <summary>A connector as the API shows it (the guide's <c>CarbonVoiceConnector</c>; never its token).</summary>
public sealed record ConnectorResponse(
    string Id,
    string TenantId,
    string CompanyId,
    string ConnectorType,
    string ConnectorStatus,
    string Name,
    string? StatusMessage,
    string? ExternalCompanyId,
    string? ExternalCompanyName,
    string? ExternalUserEmail,
    IReadOnlyList<string> EnabledEntities,
    DateTimeOffset? TokenExpiresAt,
    DateTimeOffset? LastSyncAt,
    string? LastSyncLogId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>Maps a stored connector to its API shape (no token).</summary>
    public static ConnectorResponse From(ConnectorRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new(
            record.Id, record.TenantId, record.CompanyId, "carbonvoice", record.Status, record.Name, record.StatusMessage,
            record.ExternalCompanyId, record.ExternalCompanyName, record.ExternalUserEmail, record.EnabledEntities,
            record.TokenExpiresAt, record.LastSyncAt, record.LastSyncLogId, record.CreatedAt, record.UpdatedAt);
    }
}

/// <summary>The body of <c>PATCH /{connector_id}</c>; absent members are left as they are.</summary>
public sealed record UpdateConnectorRequest(string? Name, IReadOnlyList<string>? EnabledEntities);

/// <summary>The answer of <c>DELETE /{connector_id}</c>.</summary>
public sealed record DisconnectResponse(ConnectorResponse Connector, bool TokenRevoked, bool DataPurged, long RawRecordsDeleted, long ChunksDeleted, long CheckpointsDeleted);

/// <summary>The answer of <c>POST /oauth/start</c>.</summary>
public sealed record OAuthStartResponse(string AuthorizationUrl, DateTimeOffset StateExpiresAt);

/// <summary>One syncable entity of the connector info.</summary>
public sealed record EntityDefinitionResponse(string EntityKey, string DisplayName, string Description, bool DefaultEnabled, string PillarHint, string ApiEndpoint);

/// <summary>The answer of <c>GET /info</c>.</summary>
public sealed record ConnectorInfoResponse(
    string TenantId,
    string ConnectorType,
    string DisplayName,
    string Description,
    string AuthType,
    string Backend,
    string? AuthorizationServer,
    string WebhookPath,
    string WebhookHeaderName,
    IReadOnlyList<EntityDefinitionResponse> Entities);

/// <summary>An entity of a connector, with its counts (<c>GET /{connector_id}/entities</c>).</summary>
public sealed record ConnectorEntityResponse(
    string EntityKey,
    string DisplayName,
    string Description,
    bool Enabled,
    bool DefaultEnabled,
    string PillarHint,
    long RecordCount,
    long DeletedCount,
    long ChunkCount);
