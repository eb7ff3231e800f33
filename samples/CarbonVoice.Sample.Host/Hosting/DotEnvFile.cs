using Microsoft.Extensions.Configuration.EnvironmentVariables;

namespace CarbonVoice.Sample.Host.Hosting;

/// <summary>
/// Reads <c>.env</c> (<c>KEY=value</c> lines, <c>#</c> comments, <c>__</c> for <c>:</c>) from the content root, in the
/// Development environment only, below the environment variables and the command line (they win over it) and above
/// <c>appsettings.json</c>. Production configuration comes from the environment, never from a file in the working folder.
/// </summary>
internal static class DotEnvFile
{
    public const string FileName = ".env";

    public static void AddDotEnvInDevelopment(this ConfigurationManager configuration, IHostEnvironment environment)
    {
        var path = Path.Combine(environment.ContentRootPath, FileName);
        if (!environment.IsDevelopment() || !File.Exists(path))
        {
            return;
        }

        var values = Parse(File.ReadAllLines(path));
        IList<IConfigurationSource> sources = ((IConfigurationBuilder)configuration).Sources;
        var environmentIndex = sources.Select((source, index) => (source, index)).FirstOrDefault(s => s.source is EnvironmentVariablesConfigurationSource { Prefix: null or "" }).index;
        sources.Insert(environmentIndex > 0 ? environmentIndex : sources.Count, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource { InitialData = values });
    }

    public static Dictionary<string, string?> Parse(IEnumerable<string> lines)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (line.StartsWith("export ", StringComparison.Ordinal))
            {
                line = line["export ".Length..].TrimStart();
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                continue;
            }

            var value = line[(equals + 1)..].Trim();
            if (value.Length >= 2 && (value[0] is '"' or '\'') && value[^1] == value[0])
            {
                value = value[1..^1];
            }

            values[line[..equals].Trim().Replace("__", ":", StringComparison.Ordinal)] = value;
        }

        return values;
    }
}
