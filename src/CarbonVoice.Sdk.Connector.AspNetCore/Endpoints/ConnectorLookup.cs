using Microsoft.AspNetCore.Http.HttpResults;

namespace CarbonVoice.Sdk.Connector.AspNetCore;

/// <summary>Validates a connector id and loads it for the caller's tenant: 400 for a malformed id, 404 for a missing or foreign one.</summary>
internal static class ConnectorLookup
{
    public static async Task<(ConnectorRecord? Connector, ProblemHttpResult? Problem)> FindAsync(
        string connectorId, string tenantId, IConnectorRepository connectors, CancellationToken cancellationToken)
    {
        if (!ConnectorRecord.IsValidId(connectorId))
        {
            return (null, Problems.Validation("connector_id", "connector_id must be 32 lowercase hexadecimal characters."));
        }

        // Another tenant's connector reads as missing: its existence is not disclosed.
        var connector = await connectors.GetAsync(tenantId, connectorId, cancellationToken);
        return connector is null
            ? (null, Problems.NotFound("Connector not found", $"No Carbon Voice connector {connectorId} exists for this tenant."))
            : (connector, null);
    }
}
