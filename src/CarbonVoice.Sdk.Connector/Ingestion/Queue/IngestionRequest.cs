namespace CarbonVoice.Sdk.Connector;

/// <summary>A request to ingest a connector's changed raw records.</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="ConnectorId">The connector.</param>
public sealed record IngestionRequest(string TenantId, string ConnectorId)
{
    /// <summary>When the request was made.</summary>
    public DateTimeOffset RequestedAt { get; init; }

    /// <summary>An id to correlate the request with its run (for example the sync run that triggered it).</summary>
    public string? CorrelationId { get; init; }
}
