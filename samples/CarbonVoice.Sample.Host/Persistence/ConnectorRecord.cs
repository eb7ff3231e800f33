namespace CarbonVoice.Sample.Host.Persistence;

/// <summary>The statuses of a connector (the guide's <c>connector_status</c>).</summary>
public static class ConnectorStatuses
{
    public const string Connected = "connected";
    public const string Expired = "expired";
    public const string Disconnected = "disconnected";
    public const string Error = "error";
}

/// <summary>One Carbon Voice connection of a tenant's company. The token lives in the same row, encrypted.</summary>
public sealed record ConnectorRecord
{
    public required string Id { get; init; }

    public required string TenantId { get; init; }

    public required string CompanyId { get; init; }

    public required string Name { get; init; }

    public required string Status { get; init; }

    public string? StatusMessage { get; init; }

    /// <summary>The Carbon Voice user that authorized the connection.</summary>
    public string? ExternalUserId { get; init; }

    public string? ExternalUserEmail { get; init; }

    /// <summary>The Carbon Voice account (its user id: Carbon Voice has no company object).</summary>
    public string? ExternalCompanyId { get; init; }

    public string? ExternalCompanyName { get; init; }

    public required IReadOnlyList<string> EnabledEntities { get; init; }

    public bool HasToken { get; init; }

    public DateTimeOffset? TokenExpiresAt { get; init; }

    public string? LastSyncLogId { get; init; }

    public DateTimeOffset? LastSyncAt { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Creates a new connector id (32 lowercase hex characters).</summary>
    public static string NewId() => Guid.NewGuid().ToString("N");

    /// <summary>Whether a string has the shape of a connector id.</summary>
    /// <param name="id">The candidate.</param>
    public static bool IsValidId(string? id) => id is { Length: 32 } && id.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));
}
