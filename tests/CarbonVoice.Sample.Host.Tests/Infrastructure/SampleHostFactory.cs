using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CarbonVoice.Sample.Host.Backend;
using CarbonVoice.Sdk.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace CarbonVoice.Sample.Host.Tests.Infrastructure;

/// <summary>The sample host on a TestServer with the emulator in-process, a temporary SQLite file and key ring.</summary>
public class SampleHostFactory : WebApplicationFactory<Program>
{
    public const string TenantAKey = "dev-key-tenant-a";
    public const string TenantBKey = "dev-key-tenant-b";
    public const string WebhookSecret = "test-webhook-secret";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "cv-sample-tests", Guid.NewGuid().ToString("N"));

    public SampleHostFactory()
    {
        Directory.CreateDirectory(_directory);
    }

    /// <summary>Extra settings (key → value) applied on top of the test defaults.</summary>
    public Dictionary<string, string?> Settings { get; } = new(StringComparer.Ordinal);

    /// <summary>Extra service changes.</summary>
    public Action<IServiceCollection>? TestServices { get; set; }

    public string DatabasePath => Path.Combine(_directory, "sample.db");

    public CarbonVoiceEmulator Emulator => Services.GetRequiredService<CarbonVoiceBackend>().Emulator!;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Sample:DatabasePath"] = DatabasePath,
            ["Sample:ReadDotEnv"] = "false",
            ["Sample:DataProtectionKeysPath"] = Path.Combine(_directory, "keys"),
            ["Emulator:InProcess"] = "true",
            ["Emulator:AutoApprove"] = "true",
            ["Emulator:Workspaces"] = "2",
            ["Emulator:ConversationsPerWorkspace"] = "4",
            ["Emulator:MessagesPerConversation"] = "12",
            ["Emulator:WebhookSecret"] = WebhookSecret,
        };
        foreach (var (key, value) in Settings)
        {
            settings[key] = value;
        }

        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services => TestServices?.Invoke(services));
    }

    public HttpClient Tenant(string apiKey, bool followRedirects = true)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = followRedirects });
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    /// <summary>Runs the whole OAuth dance for a company: start, the emulator's authorize (auto-approved), the host's callback.</summary>
    /// <returns>The new connector's id.</returns>
    public async Task<string> ConnectAsync(string apiKey = TenantAKey, string company = "acme")
    {
        using var client = Tenant(apiKey, followRedirects: false);
        var callback = await AuthorizeAsync(client, company);
        using var response = await client.GetAsync(callback);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        return location[(location.IndexOf("connected=", StringComparison.Ordinal) + "connected=".Length)..];
    }

    /// <summary>Starts OAuth and lets the emulator approve it; returns the callback path and query (not yet called).</summary>
    public async Task<string> AuthorizeAsync(HttpClient client, string company = "acme")
    {
        using var start = await client.PostAsync($"/api/connectors/carbonvoice/oauth/start?company_id={company}", null);
        start.EnsureSuccessStatusCode();
        var url = (await start.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("authorization_url").GetString()!;
        using var emulatorClient = new HttpClient(Emulator.CreateHandler());
        using var authorize = await emulatorClient.GetAsync(url);
        Assert.Equal(HttpStatusCode.Found, authorize.StatusCode);
        return authorize.Headers.Location!.PathAndQuery;
    }

    /// <summary>Opens the progress WebSocket of the API key's tenant the way the page does: a single-use ticket first.</summary>
    public async Task<System.Net.WebSockets.WebSocket> OpenProgressAsync(string apiKey, string? tenant = null)
    {
        using var client = Tenant(apiKey);
        var ticket = await client.PostAsync("/api/connectors/carbonvoice/progress/tickets", null);
        ticket.EnsureSuccessStatusCode();
        var url = (await ticket.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString()!;
        if (tenant is not null)
        {
            url = $"/ws/{tenant}{url[url.IndexOf('?', StringComparison.Ordinal)..]}";
        }

        return await Server.CreateWebSocketClient().ConnectAsync(new Uri("ws://localhost" + url), CancellationToken.None);
    }

    /// <summary>Polls a run until it leaves "running".</summary>
    public static async Task<JsonElement> WaitForRunAsync(HttpClient client, string connectorId, string runId, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var run = await client.GetFromJsonAsync<JsonElement>($"/api/connectors/carbonvoice/{connectorId}/sync/{runId}", cts.Token);
            if (run.GetProperty("status").GetString() != "running")
            {
                return run;
            }

            await Task.Delay(25, cts.Token);
        }
    }

    /// <summary>Polls a condition until it holds (bounded; no fixed sleeps).</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            try
            {
                await Task.Delay(20, cts.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"Timed out waiting for {what}.");
            }
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}

internal static class HttpAssert
{
    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }

    public static MediaTypeHeaderValue Json => new("application/json");
}
