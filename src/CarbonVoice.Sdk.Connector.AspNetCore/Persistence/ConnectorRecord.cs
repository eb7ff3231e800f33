namespace CarbonVoice.Sdk.Connector.AspNetCore;

/// <summary>The statuses of a connector (the guide's <c>connector_status</c>).</summary>
public static class ConnectorStatuses
{
    /// <summary>Authorized; syncs may run.</summary>
    public const string Connected = "connected";
    /// <summary>The token can no longer be refreshed; reconnect.</summary>
    public const string Expired = "expired";
    /// <summary>Disconnected by the user; nothing runs.</summary>
    public const string Disconnected = "disconnected";
    /// <summary>A failure that needs attention.</summary>
    public const string Error = "error";
}

/// <summary>One Carbon Voice connection of a tenant's company. The token lives in the same row, encrypted.</summary>
public sealed record ConnectorRecord
{
    /// <summary>The connector id.</summary>
    public required string Id { get; init; }

    /// <summary>The owning tenant.</summary>
    public required string TenantId { get; init; }

    /// <summary>The owning company.</summary>
    public required string CompanyId { get; init; }

    /// <summary>The display name.</summary>
    public required string Name { get; init; }

    /// <summary>The status (<see cref="ConnectorStatuses"/>).</summary>
    public required string Status { get; init; }

    /// <summary>Why the status is what it is, if known.</summary>
    public string? StatusMessage { get; init; }

    /// <summary>The Carbon Voice user that authorized the connection.</summary>
    public string? ExternalUserId { get; init; }

    /// <summary>The Carbon Voice account's e-mail.</summary>
    public string? ExternalUserEmail { get; init; }

    /// <summary>The Carbon Voice account (its user id: Carbon Voice has no company object).</summary>
    public string? ExternalCompanyId { get; init; }

    /// <summary>The Carbon Voice account's display name.</summary>
    public string? ExternalCompanyName { get; init; }

    /// <summary>The entity keys that are synced.</summary>
    public required IReadOnlyList<string> EnabledEntities { get; init; }

    /// <summary>Whether an (encrypted) token is stored.</summary>
    public bool HasToken { get; init; }

    /// <summary>When the stored access token expires.</summary>
    public DateTimeOffset? TokenExpiresAt { get; init; }

    /// <summary>The last sync run's id.</summary>
    public string? LastSyncLogId { get; init; }

    /// <summary>When the last sync finished.</summary>
    public DateTimeOffset? LastSyncAt { get; init; }

    /// <summary>When the connector was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the connector last changed.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Creates a new connector id (32 lowercase hex characters).</summary>
    public static string NewId() => Guid.NewGuid().ToString("N");

    /// <summary>Whether a string has the shape of a connector id.</summary>
    /// <param name="id">The candidate.</param>
    public static bool IsValidId(string? id) => id is { Length: 32 } && id.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));
}
