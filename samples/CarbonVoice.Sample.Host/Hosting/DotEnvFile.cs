using Microsoft.Extensions.Configuration.EnvironmentVariables;

namespace CarbonVoice.Sample.Host.Hosting;

/// <summary>
/// Reads <c>.env</c> (<c>KEY=value</c> lines, <c>#</c> comments, <c>__</c> for <c>:</c>) from the content root or, when it has
/// none, from the repository root above it (where <c>.env.example</c> is), in the
/// Development environment only, below the environment variables and the command line (they win over it) and above
/// <c>appsettings.json</c>. Production configuration comes from the environment, never from a file in the working folder.
/// <c>Sample:ReadDotEnv=false</c> turns it off (the tests do, so that a developer's own <c>.env</c> never reaches them).
/// </summary>
internal static class DotEnvFile
{
    public const string FileName = ".env";

    public static void AddDotEnvInDevelopment(this ConfigurationManager configuration, IHostEnvironment environment)
    {
        if (!environment.IsDevelopment() || string.Equals(configuration["Sample:ReadDotEnv"], "false", StringComparison.OrdinalIgnoreCase)
            || Find(environment.ContentRootPath) is not { } path)
        {
            return;
        }

        var values = Parse(File.ReadAllLines(path));
        IList<IConfigurationSource> sources = ((IConfigurationBuilder)configuration).Sources;
        var environmentIndex = sources.Select((source, index) => (source, index)).FirstOrDefault(s => s.source is EnvironmentVariablesConfigurationSource { Prefix: null or "" }).index;
        sources.Insert(environmentIndex > 0 ? environmentIndex : sources.Count, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource { InitialData = values });
    }

    /// <summary>The content root's <c>.env</c>, else the one of the repository root above it (the folder of <c>CarbonVoice.Sdk.sln</c>).</summary>
    private static string? Find(string contentRoot)
    {
        var own = Path.Combine(contentRoot, FileName);
        if (File.Exists(own))
        {
            return own;
        }

        for (var folder = Directory.GetParent(contentRoot); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "CarbonVoice.Sdk.sln")))
            {
                var root = Path.Combine(folder.FullName, FileName);
                return File.Exists(root) ? root : null;
            }
        }

        return null;
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
