using System.Globalization;

namespace CarbonVoice.ContractCheck;

/// <summary>The console's arguments.</summary>
public sealed record CommandLineArguments
{
    /// <summary>The usage text.</summary>
    public const string Usage = """
        Carbon Voice contract check: calls every read-only route of the SDK once and reports where the service differs
        from what the SDK models. It never writes anything.

        usage: dotnet run --project samples/CarbonVoice.ContractCheck -- [--json <path>] [--format table|json] [--page-size N]

          --json <path>        also write the report as JSON to <path>
          --format table|json  what goes to standard output (default table; progress goes to standard error)
          --page-size N        the page size asked of every list (default 2, 1-100)
          --help               this text

        environment:
          CARBONVOICE_BASE_URL               default https://api.carbonvoice.app
          exactly one credential:
          CARBONVOICE_PERSONAL_ACCESS_TOKEN  a personal access token (cv_pat_...), sent as a bearer token
          CARBONVOICE_ACCESS_TOKEN           an OAuth access token, sent as a bearer token (never refreshed)
          CARBONVOICE_API_KEY                an API key, sent as x-api-key
          CARBONVOICE_EXPORT_ID              optional: an existing export job to read with GET /data-exporter/{id}

        exit code: 0 no route failed, 1 a route failed (unreadable body, or an error other than 403/404), 2 bad configuration
        """;

    /// <summary>Where to write the JSON report, if anywhere.</summary>
    public string? JsonPath { get; init; }

    /// <summary>What goes to standard output.</summary>
    public OutputFormat Format { get; init; }

    /// <summary>The page size, when given.</summary>
    public int? PageSize { get; init; }

    /// <summary>Whether the usage was asked for.</summary>
    public bool Help { get; init; }

    /// <summary>Parses the arguments.</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="arguments">The parsed arguments, when they are valid.</param>
    /// <param name="error">What is wrong, when they are not.</param>
    /// <returns>Whether the arguments are valid.</returns>
    public static bool TryParse(IReadOnlyList<string> args, out CommandLineArguments arguments, out string? error)
    {
        ArgumentNullException.ThrowIfNull(args);
        arguments = new CommandLineArguments();
        error = null;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string? Value() => i + 1 < args.Count ? args[++i] : null;
            switch (name)
            {
                case "--help" or "-h" or "-?":
                    arguments = arguments with { Help = true };
                    break;
                case "--json":
                    if (Value() is not { Length: > 0 } path)
                    {
                        error = "--json needs a file path.";
                        return false;
                    }

                    arguments = arguments with { JsonPath = path };
                    break;
                case "--format":
                    switch (Value())
                    {
                        case "table":
                            arguments = arguments with { Format = OutputFormat.Table };
                            break;
                        case "json":
                            arguments = arguments with { Format = OutputFormat.Json };
                            break;
                        default:
                            error = "--format must be 'table' or 'json'.";
                            return false;
                    }

                    break;
                case "--page-size":
                    if (!int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var size) || size is < 1 or > 100)
                    {
                        error = "--page-size must be a number from 1 to 100.";
                        return false;
                    }

                    arguments = arguments with { PageSize = size };
                    break;
                default:
                    error = $"Unknown argument '{name}'.";
                    return false;
            }
        }

        return true;
    }
}
