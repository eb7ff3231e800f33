using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Json;
using CarbonVoice.Sample.Host.Backend;
using CarbonVoice.Sdk.Connector.AspNetCore;
using CarbonVoice.Sample.Host.Tests.Infrastructure;
using CarbonVoice.Sdk.Testing;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CarbonVoice.Sample.Host.Tests;

public sealed class HostModeTests
{
    private const string Api = "/api/connectors/carbonvoice";

    [Fact]
    public async Task Real_credentials_switch_off_the_embedded_emulator_and_nothing_else_changes()
    {
        // A stand-in for the real service: an emulator the host knows nothing about, on its own loopback port.
        await using var service = new CarbonVoiceEmulator(new EmulatorOptions
        {
            AutoApprove = true,
            Workspaces = 1,
            ConversationsPerWorkspace = 2,
            MessagesPerConversation = 5,
            Clients = [new EmulatorClient { ClientId = "real-client", ClientSecret = "real-secret", RedirectUris = ["https://bde.example/api/connectors/carbonvoice/oauth/callback"] }],
        });
        await using var server = await service.StartServerAsync();

        using var host = new SampleHostFactory();
        host.Settings["CARBONVOICE_CLIENT_ID"] = "real-client";
        host.Settings["CARBONVOICE_CLIENT_SECRET"] = "real-secret";
        host.Settings["CARBONVOICE_REDIRECT_URI"] = "https://bde.example/api/connectors/carbonvoice/oauth/callback";
        host.Settings["CARBONVOICE_BASE_URL"] = server.BaseAddress.ToString();
        host.Settings["CARBONVOICE_WEBHOOK_SECRET"] = "configured-secret";

        var backend = host.Services.GetRequiredService<CarbonVoiceBackend>();
        Assert.False(backend.IsEmbedded);
        Assert.Null(backend.Emulator);

        using var client = host.Tenant(SampleHostFactory.TenantAKey, followRedirects: false);
        var info = await client.GetFromJsonAsync<JsonElement>($"{Api}/info");
        Assert.Equal("carbonvoice", info.GetProperty("backend").GetString());

        var start = await (await client.PostAsync($"{Api}/oauth/start?company_id=acme", null)).Content.ReadFromJsonAsync<JsonElement>();
        var url = new Uri(start.GetProperty("authorization_url").GetString()!);
        Assert.Equal(server.BaseAddress.Port, url.Port);
        Assert.Contains("client_id=real-client", url.Query, StringComparison.Ordinal);
        Assert.Contains(Uri.EscapeDataString("https://bde.example/api/connectors/carbonvoice/oauth/callback"), url.Query, StringComparison.Ordinal);

        using var browser = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
        using var authorize = await browser.GetAsync(url);
        Assert.Equal(HttpStatusCode.Found, authorize.StatusCode);
        Assert.Equal("bde.example", authorize.Headers.Location!.Host);
        using var callback = await client.GetAsync(authorize.Headers.Location.PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        var id = callback.Headers.Location!.ToString().Split("connected=")[1];

        using var sync = await client.PostAsync($"{Api}/{id}/sync", null);
        var run = await SampleHostFactory.WaitForRunAsync(client, id, (await sync.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sync_log_id").GetString()!);
        Assert.Equal("succeeded", run.GetProperty("status").GetString());
        Assert.Contains(service.Requests, r => r.PathAndQuery.StartsWith("/whoami", StringComparison.Ordinal));

        // The configured webhook secret is the one checked.
        using var anonymous = host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{Api}/webhook") { Content = JsonContent.Create(new { eventName = "workspace.updated", subscribedUserIds = Array.Empty<string>(), data = new { } }) };
        request.Headers.Add("X-Webhook-Secret", "configured-secret");
        using var webhook = await anonymous.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, webhook.StatusCode);
    }

    [Theory]
    [InlineData("CARBONVOICE_CLIENT_ID")]
    [InlineData("CARBONVOICE_CLIENT_SECRET")]
    [InlineData("CARBONVOICE_REDIRECT_URI")]
    public void Only_some_real_credentials_are_refused_naming_the_missing_ones(string only)
    {
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [only] = only == "CARBONVOICE_REDIRECT_URI" ? "https://bde.example/callback" : "something",
        }).Build();
        var error = Assert.Throws<Configuration.HostConfigurationException>(() => CarbonVoiceBackend.IsEmbeddedMode(configuration));
        foreach (var name in new[] { "CARBONVOICE_CLIENT_ID", "CARBONVOICE_CLIENT_SECRET", "CARBONVOICE_REDIRECT_URI" }.Where(n => n != only))
        {
            Assert.Contains(name, error.Message.Split("missing:")[1], StringComparison.Ordinal);
        }

        Assert.DoesNotContain(only, error.Message.Split("missing:")[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_partial_real_configuration_stops_the_process_with_one_line_and_exit_code_1()
    {
        await using var process = SampleProcess.Start(new Dictionary<string, string> { ["CARBONVOICE_CLIENT_ID"] = "something" });
        var exitCode = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(1, exitCode);
        var lines = process.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var line = Assert.Single(lines);
        Assert.StartsWith("CarbonVoice.Sample.Host cannot start:", line, StringComparison.Ordinal);
        Assert.Contains("CARBONVOICE_CLIENT_SECRET", line, StringComparison.Ordinal);
        Assert.Contains("CARBONVOICE_REDIRECT_URI", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", process.StandardOutput + process.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_storage_switch_stops_the_process_with_one_line_too()
    {
        await using var process = SampleProcess.Start(new Dictionary<string, string> { ["Storage__Provider"] = "Mongo" });
        Assert.Equal(1, await process.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        var line = Assert.Single(process.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains("Storage:Provider must be 'Sqlite' or 'PostgreSql' (got 'Mongo')", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("environment")]
    [InlineData("argument")]
    public async Task ASPNETCORE_URLS_and_urls_both_choose_the_address(string how)
    {
        var port = SampleProcess.FreePort();
        var url = $"http://127.0.0.1:{port}";
        await using var process = how == "environment"
            ? SampleProcess.Start(new Dictionary<string, string> { ["ASPNETCORE_URLS"] = url })
            : SampleProcess.Start(new Dictionary<string, string>(), "--urls", url);

        using var health = await process.WaitForAnswerAsync(new Uri(url + "/health"), TimeSpan.FromSeconds(60));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public void The_launch_profile_pins_no_address_over_ASPNETCORE_URLS()
    {
        var root = AppContext.BaseDirectory;
        while (!Directory.Exists(Path.Combine(root, "samples", "CarbonVoice.Sample.Host")))
        {
            root = Path.GetDirectoryName(root)!;
        }

        using var profile = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "samples", "CarbonVoice.Sample.Host", "Properties", "launchSettings.json")));
        foreach (var entry in profile.RootElement.GetProperty("profiles").EnumerateObject())
        {
            Assert.False(entry.Value.TryGetProperty("applicationUrl", out _), $"Profile {entry.Name} sets applicationUrl, which dotnet run puts over ASPNETCORE_URLS.");
        }

        Assert.Equal("http://localhost:8000", Hosting.SampleUrls.DefaultUnlessConfigured(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build()));
        Assert.Null(Hosting.SampleUrls.DefaultUnlessConfigured(new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["HTTP_PORTS"] = "8080" }).Build()));
    }

    [Fact]
    public void Credentials_given_as_configuration_keys_count_like_the_environment_names()
    {
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["CarbonVoice:ClientId"] = "id",
            ["CARBONVOICE_CLIENT_SECRET"] = "secret",
            ["CarbonVoice:RedirectUri"] = "https://bde.example/callback",
        }).Build();
        Assert.False(CarbonVoiceBackend.IsEmbeddedMode(configuration));
        Assert.True(CarbonVoiceBackend.IsEmbeddedMode(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build()));
    }

    [Fact]
    public async Task The_emulator_server_is_started_by_an_awaited_call_not_in_the_constructor()
    {
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build();
        await using var backend = new CarbonVoiceBackend(
            configuration,
            Options.Create(new Configuration.EmulatorSettings { InProcess = false, Workspaces = 1, ConversationsPerWorkspace = 1, MessagesPerConversation = 1 }),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<CarbonVoiceBackend>.Instance);
        Assert.True(backend.IsEmbedded);
        Assert.Throws<InvalidOperationException>(() => backend.ApiAddress); // nothing listens yet
        await backend.StartAsync(CancellationToken.None);
        Assert.Equal("127.0.0.1", backend.ApiAddress!.Host);
        Assert.NotEqual(0, backend.ApiAddress.Port);
    }

    [Fact]
    public async Task The_tenancy_scheme_is_pluggable()
    {
        using var host = new SampleHostFactory
        {
            TestServices = services => services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, HeaderTenantHandler>("Header", null),
        };
        host.Settings["Tenancy:Scheme"] = "Header";
        using var client = host.CreateClient();
        client.DefaultRequestHeaders.Add("X-Test-Tenant", "tenant-z");
        var info = await client.GetFromJsonAsync<JsonElement>($"{Api}/info");
        Assert.Equal("tenant-z", info.GetProperty("tenant_id").GetString());

        // The API-key scheme is no longer the default.
        using var keyOnly = host.Tenant(SampleHostFactory.TenantAKey);
        using var refused = await keyOnly.GetAsync($"{Api}/info");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    /// <summary>A stand-in for BDE's own authentication: any scheme that issues the tenant_id claim.</summary>
    private sealed class HeaderTenantHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
            => Task.FromResult(Request.Headers["X-Test-Tenant"].ToString() is { Length: > 0 } tenant
                ? AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity([new Claim(TenantClaims.TenantId, tenant)], Scheme.Name)), Scheme.Name))
                : AuthenticateResult.NoResult());
    }
}
