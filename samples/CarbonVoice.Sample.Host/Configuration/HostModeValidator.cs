using CarbonVoice.Sdk.Connector.AspNetCore;
using Microsoft.Extensions.Options;

namespace CarbonVoice.Sample.Host.Configuration;

/// <summary>Checks the storage and queue switches at start-up, naming what to set (never a connection string's value).</summary>
internal sealed class HostModeValidator(IConfiguration configuration) : IValidateOptions<ConnectorStorageOptions>, IValidateOptions<QueueSettings>
{
    public ValidateOptionsResult Validate(string? name, ConnectorStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.IsPostgreSql && !string.Equals(options.Provider, ConnectorStorageOptions.Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            return ValidateOptionsResult.Fail($"Storage:Provider must be '{ConnectorStorageOptions.Sqlite}' or '{ConnectorStorageOptions.PostgreSql}' (got '{options.Provider}').");
        }

        return options.IsPostgreSql && string.IsNullOrWhiteSpace(options.ConnectionString ?? configuration.GetConnectionString("CarbonVoice"))
            ? ValidateOptionsResult.Fail("Storage:Provider is PostgreSql: set Storage:ConnectionString or ConnectionStrings:CarbonVoice.")
            : ValidateOptionsResult.Success;
    }

    public ValidateOptionsResult Validate(string? name, QueueSettings options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.IsAzureStorage && !string.Equals(options.Provider, QueueSettings.InProcess, StringComparison.OrdinalIgnoreCase))
        {
            return ValidateOptionsResult.Fail($"Queue:Provider must be '{QueueSettings.InProcess}' or '{QueueSettings.AzureStorage}' (got '{options.Provider}').");
        }

        if (!options.IsAzureStorage)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ConnectionString ?? configuration.GetConnectionString("Queue")))
        {
            failures.Add("Queue:Provider is AzureStorage: set Queue:ConnectionString or ConnectionStrings:Queue.");
        }

        if (configuration.GetSection("Storage").Get<ConnectorStorageOptions>() is not { IsPostgreSql: true })
        {
            failures.Add("Queue:Provider AzureStorage needs Storage:Provider PostgreSql: the workers share the host's state.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
