using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CarbonVoice.Sdk.Connector.AspNetCore;

/// <summary>Ready when the connector database opens and the connector's raw-data store answers a count.</summary>
internal sealed class ConnectorStoreHealthCheck(ConnectorDatabase database, IRawDataStore raw) : IHealthCheck
{
    /// <summary>The tag of the checks a readiness probe runs.</summary>
    public const string ReadyTag = "ready";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using (var connection = await database.OpenAsync(cancellationToken))
            {
                await using var command = connection.Command("SELECT 1");
                await command.ExecuteScalarAsync(cancellationToken);
            }

            await raw.CountAsync("-", "-", cancellationToken: cancellationToken);
            return HealthCheckResult.Healthy("The connector database answers.");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The database's own text stays out of the answer (it is in the exception the health log records).
            return HealthCheckResult.Unhealthy(StoreFailure.TryFrom(exception, out var failure) ? failure.Describe() : "The connector database does not answer.", exception);
        }
    }
}
