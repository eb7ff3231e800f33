using CarbonVoice.Sdk.Connector.PostgreSql.Internal;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CarbonVoice.Sdk.Connector.PostgreSql;

/// <summary>Checks <see cref="PostgreSqlConnectorOptions"/> at start-up, with messages that name what to set (never the connection string itself).</summary>
internal sealed class PostgreSqlConnectorOptionsValidator : IValidateOptions<PostgreSqlConnectorOptions>
{
    public ValidateOptionsResult Validate(string? name, PostgreSqlConnectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add("PostgreSqlConnectorOptions.ConnectionString is required (an Npgsql connection string such as Host=…;Database=…;Username=…).");
        }
        else
        {
            try
            {
                var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
                if (string.IsNullOrWhiteSpace(builder.Host))
                {
                    failures.Add("PostgreSqlConnectorOptions.ConnectionString names no Host.");
                }
            }
            catch (ArgumentException)
            {
                failures.Add("PostgreSqlConnectorOptions.ConnectionString is not a valid Npgsql connection string.");
            }
        }

        if (!PostgreSqlConnectorDatabase.IsValidSchema(options.Schema))
        {
            failures.Add($"PostgreSqlConnectorOptions.Schema {PostgreSqlConnectorDatabase.SchemaRule}");
        }

        if (options.CopyThreshold < 1)
        {
            failures.Add("PostgreSqlConnectorOptions.CopyThreshold must be at least 1.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
