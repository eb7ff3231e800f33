using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Json;
using CarbonVoice.Sdk.Testing;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CarbonVoice.Sdk.Connector.AspNetCore.Tests.Infrastructure;

/// <summary>
/// What a service writes to host the connector, and nothing more: its own authentication (here a header naming the
/// tenant, standing in for the service's JWT or cookie scheme), <c>AddCarbonVoice</c>, <c>AddCarbonVoiceConnectorEndpoints</c>
/// and the two <c>Map…</c> calls; the emulator answers the SDK in-process, on a TestServer.
/// </summary>
public sealed class MinimalHost : IAsyncDisposable
{
    public const string Api = "/api/connectors/carbonvoice";
    public const string TenantHeader = "X-Test-Tenant";
    public const string WebhookSecret = "minimal-host-webhook-secret";
    public const string RedirectUri = "http://localhost:8000/api/connectors/carbonvoice/oauth/callback";

    private readonly string _directory;
    private readonly WebApplication _app;

    private MinimalHost(WebApplication app, CarbonVoiceEmulator emulator, string directory)
    {
        _app = app;
        Emulator = emulator;
        _directory = directory;
    }

    public CarbonVoiceEmulator Emulator { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<MinimalHost> StartAsync(Action<CarbonVoiceConnectorEndpointsOptions>? configure = null)
    {
        var emulator = new CarbonVoiceEmulator(new EmulatorOptions { AutoApprove = true, Workspaces = 1, ConversationsPerWorkspace = 3, MessagesPerConversation = 6 });
        var directory = Path.Combine(Path.GetTempPath(), "cv-aspnetcore-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);

        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddAuthentication("Header").AddScheme<AuthenticationSchemeOptions, HeaderTenantHandler>("Header", null);
        builder.Services.AddAuthorization();
        builder.Services.AddOpenApi();
        builder.Services.AddCarbonVoice(o =>
        {
            o.BaseAddress = emulator.BaseAddress;
            o.AuthenticationMode = CarbonVoiceAuthenticationMode.OAuth;
            o.ClientId = "emulator-client";
            o.ClientSecret = "emulator-secret";
            o.RedirectUri = new Uri(RedirectUri);
        }).ConfigurePrimaryHandler(_ => emulator.CreateHandler());
        builder.Services.Configure<CarbonVoiceWebhookOptions>(o => o.Secret = WebhookSecret);
        builder.Services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(directory, "keys")));
        builder.Services.AddCarbonVoiceConnectorEndpoints(o =>
        {
            o.DatabasePath = Path.Combine(directory, "connector.db");
            configure?.Invoke(o);
        });

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseWebSockets();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapCarbonVoiceConnector();
        app.MapCarbonVoiceProgress();
        app.MapOpenApi();
        await app.StartAsync();
        return new MinimalHost(app, emulator, directory);
    }

    public HttpClient Client(string? tenant = "tenant-1")
    {
        var client = _app.GetTestServer().CreateClient();
        if (tenant is not null)
        {
            client.DefaultRequestHeaders.Add(TenantHeader, tenant);
        }

        return client;
    }

    /// <summary>Start, the emulator's consent (auto-approved), the callback with the browser's binding cookie: the new connector's id.</summary>
    public async Task<string> ConnectAsync(HttpClient client, string company = "acme")
    {
        using var start = await client.PostAsync($"{Api}/oauth/start?company_id={company}", null);
        start.EnsureSuccessStatusCode();
        var cookie = start.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
        var url = (await start.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("authorization_url").GetString()!;
        using var browser = new HttpClient(Emulator.CreateHandler());
        using var authorize = await browser.GetAsync(url);
        Assert.Equal(HttpStatusCode.Found, authorize.StatusCode);

        using var callback = new HttpRequestMessage(HttpMethod.Get, authorize.Headers.Location!.PathAndQuery);
        callback.Headers.Add("Cookie", cookie);
        using var answer = await client.SendAsync(callback);
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        var location = answer.Headers.Location!.ToString();
        return location[(location.IndexOf("connected=", StringComparison.Ordinal) + "connected=".Length)..];
    }

    /// <summary>Polls a run until it leaves "running" (bounded).</summary>
    public static async Task<JsonElement> WaitForRunAsync(HttpClient client, string connectorId, string runId)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var run = await client.GetFromJsonAsync<JsonElement>($"{Api}/{connectorId}/sync/{runId}", cts.Token);
            if (run.GetProperty("status").GetString() != "running")
            {
                return run;
            }

            await Task.Delay(20, cts.Token);
        }
    }

    /// <summary>Polls a condition until it holds (bounded).</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
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

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await Emulator.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>The service's own authentication, reduced to a header naming the tenant (any scheme issuing <c>tenant_id</c> works).</summary>
    private sealed class HeaderTenantHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
            => Task.FromResult(Request.Headers[TenantHeader].ToString() is { Length: > 0 } tenant
                ? AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity([new Claim(TenantClaims.TenantId, tenant)], Scheme.Name)), Scheme.Name))
                : AuthenticateResult.NoResult());
    }
}
