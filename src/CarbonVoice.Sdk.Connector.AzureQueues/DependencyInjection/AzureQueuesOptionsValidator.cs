using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace CarbonVoice.Sdk.Connector.AzureQueues;

/// <summary>Checks <see cref="AzureQueuesOptions"/> at start-up, naming what to set (never the connection string itself).</summary>
internal sealed partial class AzureQueuesOptionsValidator : IValidateOptions<AzureQueuesOptions>
{
    public ValidateOptionsResult Validate(string? name, AzureQueuesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add("AzureQueuesOptions.ConnectionString is required (an Azure Storage connection string; UseDevelopmentStorage=true for Azurite).");
        }

        foreach (var (label, queue) in new[] { ("QueueName", options.QueueName), ("PoisonQueueName", options.EffectivePoisonQueueName) })
        {
            if (queue is null || !QueueName().IsMatch(queue) || queue.Contains("--", StringComparison.Ordinal))
            {
                failures.Add($"AzureQueuesOptions.{label} must be 3-63 lower-case letters, digits and single hyphens, starting and ending with a letter or digit.");
            }
        }

        if (options.VisibilityTimeout < TimeSpan.FromSeconds(1) || options.VisibilityTimeout > TimeSpan.FromDays(7))
        {
            failures.Add("AzureQueuesOptions.VisibilityTimeout must be between 1 second and 7 days.");
        }

        if (options.MaxDequeueCount < 1 || options.MaxConcurrency < 1)
        {
            failures.Add("AzureQueuesOptions.MaxDequeueCount and MaxConcurrency must be at least 1.");
        }

        if (options.BatchSize is < 1 or > 32)
        {
            failures.Add("AzureQueuesOptions.BatchSize must be between 1 and 32.");
        }

        if (options.MinPollInterval <= TimeSpan.Zero || options.MaxPollInterval < options.MinPollInterval)
        {
            failures.Add("AzureQueuesOptions.MinPollInterval must be positive and at most MaxPollInterval.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$", RegexOptions.CultureInvariant)]
    private static partial Regex QueueName();
}
