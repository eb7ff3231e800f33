using CarbonVoice.ContractCheck.Tests.Support;

namespace CarbonVoice.ContractCheck.Tests;

/// <summary>The console, run in-process with a fake environment.</summary>
public sealed class CommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("contract-check-tests-").FullName;

    [Fact]
    public async Task Missing_credentials_exit_2_naming_the_variables_without_calling_anything()
    {
        using var handler = new CountingHandler();

        var result = await RunAsync([], new Dictionary<string, string?> { ["CARBONVOICE_BASE_URL"] = "http://127.0.0.1:9/" }, handler);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("CARBONVOICE_PERSONAL_ACCESS_TOKEN", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("CARBONVOICE_ACCESS_TOKEN", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("CARBONVOICE_API_KEY", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
        Assert.Equal(0, handler.Requests);
    }

    [Fact]
    public async Task Blank_credentials_count_as_missing()
    {
        var result = await RunAsync([], new Dictionary<string, string?> { ["CARBONVOICE_API_KEY"] = "  ", ["CARBONVOICE_ACCESS_TOKEN"] = string.Empty });

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("No credential", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Several_credentials_exit_2_naming_them_but_not_their_values()
    {
        var result = await RunAsync([], new Dictionary<string, string?> { ["CARBONVOICE_API_KEY"] = "planted-key-9f8e7d", ["CARBONVOICE_ACCESS_TOKEN"] = "planted-token-1a2b3c" });

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("CARBONVOICE_API_KEY", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("CARBONVOICE_ACCESS_TOKEN", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("planted", result.Stderr + result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://example.com/")]
    [InlineData("not a url")]
    public async Task A_bad_base_url_exits_2(string url)
    {
        var result = await RunAsync([], new Dictionary<string, string?> { ["CARBONVOICE_BASE_URL"] = url, ["CARBONVOICE_API_KEY"] = "k" });

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("CARBONVOICE_BASE_URL", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--bogus")]
    [InlineData("--format", "xml")]
    [InlineData("--json")]
    [InlineData("--page-size", "0")]
    public async Task Bad_arguments_exit_2(params string[] args)
    {
        var result = await RunAsync(args, new Dictionary<string, string?> { ["CARBONVOICE_API_KEY"] = "k" });

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("usage:", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_prints_the_usage()
    {
        var result = await RunAsync(["--help"], new Dictionary<string, string?>());

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("CARBONVOICE_PERSONAL_ACCESS_TOKEN", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_to_stdout_and_to_a_file_are_the_same_report_and_the_table_matches_it()
    {
        await using var run = new EmulatorRun();
        var path = Path.Combine(_directory, "report.json");
        var environment = new Dictionary<string, string?> { ["CARBONVOICE_BASE_URL"] = run.Emulator.BaseAddress.AbsoluteUri, ["CARBONVOICE_ACCESS_TOKEN"] = run.AccessToken };

        var json = await RunAsync(["--format", "json", "--json", path], environment, run.Handler());
        var table = await RunAsync([], environment, run.Handler());

        Assert.Equal(File.ReadAllText(path).Trim(), json.Stdout.Trim());
        var report = ReportJson.Deserialize(json.Stdout);
        Assert.Equal(report.ExitCode, json.ExitCode);
        Assert.Equal(report.ExitCode, table.ExitCode);
        Assert.Contains(TableReportWriter.SummaryLine(report.Summary), table.Stdout, StringComparison.Ordinal);
        foreach (var route in report.Routes)
        {
            Assert.Contains(route.Route, table.Stdout, StringComparison.Ordinal);
            Assert.Contains($"] {TableReportWriter.Label(route.Outcome),-15} {route.Route}", table.Stderr, StringComparison.Ordinal);
        }
    }

    public static TheoryData<string, bool> Credentials => new()
    {
        { "CARBONVOICE_ACCESS_TOKEN", true },
        { "CARBONVOICE_PERSONAL_ACCESS_TOKEN", true },
        { "CARBONVOICE_API_KEY", true },
        { "CARBONVOICE_PERSONAL_ACCESS_TOKEN", false },
        { "CARBONVOICE_ACCESS_TOKEN", false },
        { "CARBONVOICE_API_KEY", false },
    };

    [Theory]
    [MemberData(nameof(Credentials))]
    public async Task The_credential_never_appears_in_any_output(string variable, bool valid)
    {
        await using var run = new EmulatorRun();
        var secret = !valid ? "cv_pat_PLANTED-SECRET-" + Guid.NewGuid().ToString("N")
            : variable switch
            {
                "CARBONVOICE_ACCESS_TOKEN" => run.AccessToken,
                "CARBONVOICE_PERSONAL_ACCESS_TOKEN" => run.Emulator.CreatePersonalAccessToken(run.User.Id),
                _ => run.Emulator.CreateApiKey(run.User.Id),
            };
        var path = Path.Combine(_directory, "planted.json");
        var environment = new Dictionary<string, string?> { ["CARBONVOICE_BASE_URL"] = run.Emulator.BaseAddress.AbsoluteUri, [variable] = secret };

        var table = await RunAsync(["--json", path], environment, run.Handler());
        var json = await RunAsync(["--format", "json"], environment, run.Handler());

        var everything = string.Join("\n", table.Stdout, table.Stderr, json.Stdout, json.Stderr, File.ReadAllText(path));
        Assert.DoesNotContain(secret, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(secret[^12..], everything, StringComparison.Ordinal);
        Assert.Contains("GET /whoami", everything, StringComparison.Ordinal);
        var report = ReportJson.Deserialize(json.Stdout);
        if (valid)
        {
            Assert.Equal(RouteOutcome.Ok, ReportAssert.Route(report, "GET /whoami").Outcome);
        }
        else
        {
            Assert.Equal(1, json.ExitCode);
            Assert.Equal([401], ReportAssert.Route(report, "GET /whoami").Statuses.Distinct());
            Assert.Contains("refused the credential", ReportAssert.Route(report, "GET /whoami").Note, StringComparison.Ordinal);
            Assert.All(report.Routes.Where(r => r.Route != "GET /.well-known/oauth-authorization-server"), r => Assert.NotEqual(RouteOutcome.Ok, r.Outcome));
        }
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string[] args, Dictionary<string, string?> environment, HttpMessageHandler? handler = null)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exitCode = await ContractCheckCommand.RunAsync(args, name => environment.GetValueOrDefault(name), stdout, stderr, handler ?? new CountingHandler());
        return (exitCode, stdout.ToString(), stderr.ToString());
    }

    /// <summary>A transport that answers 599 and counts: configuration errors must not reach it.</summary>
    private sealed class CountingHandler : HttpMessageHandler
    {
        private int _requests;

        public int Requests => _requests;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _requests);
            return Task.FromResult(new HttpResponseMessage((System.Net.HttpStatusCode)599));
        }
    }
}
