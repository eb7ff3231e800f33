using System.Globalization;
using Microsoft.Extensions.Options;

namespace CarbonVoice.ContractCheck;

/// <summary>The console: reads the configuration, runs the <see cref="ContractChecker"/>, writes the report. Callable in-process.</summary>
public static class ContractCheckCommand
{
    /// <summary>Runs the console.</summary>
    /// <param name="args">The command-line arguments.</param>
    /// <param name="getVariable">Reads an environment variable.</param>
    /// <param name="stdout">Standard output: the table, or the JSON report with <c>--format json</c>.</param>
    /// <param name="stderr">Standard error: progress and configuration errors.</param>
    /// <param name="primaryHandler">The transport; null for the network (tests pass the emulator's handler).</param>
    /// <param name="cancellationToken">Stops the check.</param>
    /// <returns>The exit code (<see cref="ExitCodes"/>).</returns>
    public static async Task<int> RunAsync(
        IReadOnlyList<string> args,
        Func<string, string?> getVariable,
        TextWriter stdout,
        TextWriter stderr,
        HttpMessageHandler? primaryHandler = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (!CommandLineArguments.TryParse(args, out var arguments, out var argumentError))
        {
            await stderr.WriteLineAsync(argumentError);
            await stderr.WriteLineAsync(CommandLineArguments.Usage);
            return ExitCodes.BadConfiguration;
        }

        if (arguments.Help)
        {
            await stdout.WriteLineAsync(CommandLineArguments.Usage);
            return ExitCodes.Success;
        }

        if (!ContractCheckEnvironment.TryRead(getVariable, out var options, out var configurationError))
        {
            await stderr.WriteLineAsync("Configuration error: " + configurationError);
            return ExitCodes.BadConfiguration;
        }

        options = options! with { PageSize = arguments.PageSize ?? options!.PageSize };
        var redactor = new SecretRedactor(options.Credential.Secret);
        ContractReport report;
        try
        {
            var checker = new ContractChecker(options, primaryHandler);
            var done = 0;
            var progress = new SynchronousProgress(route =>
            {
                done++;
                stderr.WriteLine(redactor.Redact(string.Create(CultureInfo.InvariantCulture, $"[{done,2}/{ContractChecker.Routes.Count}] {TableReportWriter.Label(route.Outcome),-15} {route.Route}")));
            });
            report = await checker.RunAsync(progress, cancellationToken);
        }
        catch (Exception exception) when (exception is OptionsValidationException or ArgumentException)
        {
            await stderr.WriteLineAsync("Configuration error: " + redactor.Redact(exception.Message));
            return ExitCodes.BadConfiguration;
        }

        var json = redactor.Redact(ReportJson.Serialize(report))!;
        if (arguments.JsonPath is { } path)
        {
            await File.WriteAllTextAsync(path, json, cancellationToken);
            await stderr.WriteLineAsync($"JSON report written to {path}");
        }

        await stdout.WriteAsync(arguments.Format == OutputFormat.Json ? json + Environment.NewLine : redactor.Redact(TableReportWriter.Render(report)));
        await stderr.WriteLineAsync(TableReportWriter.SummaryLine(report.Summary) + (report.HasFailures ? " Some routes FAILED." : string.Empty));
        return report.ExitCode;
    }

    /// <summary>An <see cref="IProgress{T}"/> that reports on the caller's thread (<see cref="Progress{T}"/> would post to the thread pool and reorder lines).</summary>
    private sealed class SynchronousProgress(Action<RouteReport> report) : IProgress<RouteReport>
    {
        public void Report(RouteReport value) => report(value);
    }
}
