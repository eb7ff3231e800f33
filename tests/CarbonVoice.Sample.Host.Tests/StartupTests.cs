using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using CarbonVoice.Sample.Host.Hosting;
using CarbonVoice.Sample.Host.Tests.Infrastructure;
using CarbonVoice.Sdk.Connector;
using CarbonVoice.Sdk.Connector.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CarbonVoice.Sample.Host.Tests;

/// <summary>The first hour: health probes, <c>.env</c>, the measuring script.</summary>
public sealed class StartupTests
{
    [Fact]
    public async Task Health_is_liveness_and_health_ready_checks_the_store_and_the_back_end()
    {
        using var host = new SampleHostFactory();
        using var client = host.CreateClient();
        using var live = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("Healthy", await live.Content.ReadAsStringAsync());
        using var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [Fact]
    public async Task Health_ready_is_503_when_the_store_cannot_be_opened_while_health_stays_200()
    {
        using var host = new SampleHostFactory();
        var missing = Path.Combine(Path.GetTempPath(), "cv-missing-" + Guid.NewGuid().ToString("N"), "raw.db");
        host.TestServices = services => services.AddSingleton<IRawDataStore>(_ => ConnectorStoreGuard.Wrap(
            new SqliteRawDataStore(new SqliteConnectionStringBuilder { DataSource = missing, Mode = SqliteOpenMode.ReadOnly }.ToString())));
        using var client = host.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        using var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("Unhealthy", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public void A_dotenv_file_reads_keys_values_quotes_comments_and_double_underscores()
    {
        var values = DotEnvFile.Parse(
        [
            "# a comment",
            "",
            "CARBONVOICE_CLIENT_ID=abc",
            "export CARBONVOICE_CLIENT_SECRET=\"s e c\"",
            "Storage__Provider = 'PostgreSql'",
            "not a pair",
        ]);

        Assert.Equal(3, values.Count);
        Assert.Equal("abc", values["CARBONVOICE_CLIENT_ID"]);
        Assert.Equal("s e c", values["CARBONVOICE_CLIENT_SECRET"]);
        Assert.Equal("PostgreSql", values["Storage:Provider"]);
    }

    [Fact]
    public void Environment_variables_win_over_the_dotenv_file_which_wins_over_appsettings()
    {
        var folder = Path.Combine(Path.GetTempPath(), "cv-dotenv-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var variable = "CV_DOTENV_TEST_" + Guid.NewGuid().ToString("N");
        File.WriteAllText(Path.Combine(folder, ".env"), $"{variable}=from-dotenv\nSample__OAuthReturnUrl=/from-dotenv\n");
        Environment.SetEnvironmentVariable(variable, "from-environment");
        try
        {
            var configuration = new Microsoft.Extensions.Configuration.ConfigurationManager();
            configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Sample:OAuthReturnUrl"] = "/from-appsettings" });
            configuration.AddEnvironmentVariables();
            var environment = new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = "Development", ContentRootPath = folder };

            configuration.AddDotEnvInDevelopment(environment);

            Assert.Equal("from-environment", configuration[variable]);
            Assert.Equal("/from-dotenv", configuration["Sample:OAuthReturnUrl"]);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_dotenv_file_is_read_in_Development()
    {
        // Half a real configuration in .env: the host reads it and refuses to start, naming what is missing.
        await using var process = SampleProcess.Start(
            new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Development" },
            directory => File.WriteAllText(Path.Combine(directory, ".env"), "CARBONVOICE_CLIENT_ID=from-dotenv\n"));
        Assert.Equal(1, await process.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("missing: CARBONVOICE_CLIENT_SECRET", process.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dotenv_file_is_ignored_outside_Development()
    {
        var port = SampleProcess.FreePort();
        await using var process = SampleProcess.Start(
            new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}" },
            directory => File.WriteAllText(Path.Combine(directory, ".env"), "CARBONVOICE_CLIENT_ID=from-dotenv\n"));
        using var health = await process.WaitForAnswerAsync(new Uri($"http://127.0.0.1:{port}/health"), TimeSpan.FromSeconds(60));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task The_measuring_script_refuses_a_port_that_is_in_use()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var info = new ProcessStartInfo("bash") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(Repository.Root(), "samples", "CarbonVoice.Sample.Host", "scripts", "measure-first-sync.sh"));
        info.Environment["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var script = Process.Start(info)!;
        var error = await script.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await script.WaitForExitAsync(cts.Token);

        Assert.Equal(1, script.ExitCode);
        Assert.Contains($"port {port} is in use", error, StringComparison.Ordinal);
    }
}
