using CarbonVoice.Sample.Host;
using CarbonVoice.Sample.Host.Backend;
using CarbonVoice.Sample.Host.Configuration;
using CarbonVoice.Sample.Host.Hosting;
using CarbonVoice.Sample.Host.Security;
using CarbonVoice.Sdk.Connector.AspNetCore;
using Microsoft.Extensions.Options;

// The Carbon Voice connector host for BDE, runnable with no configuration:
//   dotnet run --project samples/CarbonVoice.Sample.Host   →  http://localhost:8000 (--urls / ASPNETCORE_URLS override it)
// With no CARBONVOICE_CLIENT_ID / _CLIENT_SECRET / _REDIRECT_URI the emulator is embedded on a loopback port.
// Everything else — routes, OAuth, tokens, webhooks, runs, progress — is the CarbonVoice.Sdk.Connector.AspNetCore package.
var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddDotEnvInDevelopment(builder.Environment);
if (SampleUrls.DefaultUnlessConfigured(builder.Configuration) is { } url)
{
    builder.WebHost.UseUrls(url);
}

builder.Logging.AddCarbonVoiceRedactedRequestLog();
builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
var configuration = builder.Configuration;
var storage = configuration.GetSection(ConnectorStorageOptions.SectionName).Get<ConnectorStorageOptions>() ?? new ConnectorStorageOptions();
var queue = configuration.GetSection(QueueSettings.SectionName).Get<QueueSettings>() ?? new QueueSettings();

// The sample's own parts: development API keys as tenants, the embedded emulator (or the real service), the key ring.
builder.Services.AddDevelopmentTenancy(configuration).AddHostModeChecks(configuration).AddSampleKeyRing(configuration).AddOpenApi();
var carbonVoice = builder.Services.AddCarbonVoiceBackend(configuration);

// The product: the guide's routes and everything behind them; one SQLite file unless Storage:Provider is PostgreSql.
var connector = builder.Services.AddCarbonVoiceConnectorEndpoints(o => configuration.GetSection("Sample").Bind(o));
if (storage.IsPostgreSql)
{
    connector.UsePostgreSql(o =>
    {
        o.ConnectionString = storage.ConnectionString ?? configuration.GetConnectionString("CarbonVoice");
        o.Schema = storage.Schema;
    });
    carbonVoice.UsePostgreSqlTokenStore().UseDataProtectionTokenProtector();
}

// Queue:Provider AzureStorage: this host only queues jobs; workers run them and report progress through PostgreSQL.
if (queue.IsAzureStorage)
{
    builder.Services.AddCarbonVoiceConnectorAzureQueues(o =>
    {
        configuration.GetSection(QueueSettings.SectionName).Bind(o);
        o.ConnectionString = queue.ConnectionString ?? configuration.GetConnectionString("Queue");
    });
    connector.UseJobQueue();
}

var app = builder.Build();
try
{
    // Before the host starts (the SDK's options, validated on start, need the emulator's port).
    await app.Services.GetRequiredService<CarbonVoiceBackend>().StartAsync(app.Lifetime.ApplicationStopping);
    app.UseSecurityHeaders();
    app.UseCarbonVoiceRedactedRequestLog();
    app.UseExceptionHandler();
    app.UseStatusCodePages();
    app.UseDefaultFiles();
    app.UseStaticFiles();
    app.UseWebSockets();
    app.UseAuthentication();
    app.UseAuthorization();
    app.MapSampleHost();
    await app.RunAsync();
    return 0;
}
catch (Exception exception) when (exception is HostConfigurationException or OptionsValidationException)
{
    // A setting the host cannot start with: one line naming what to set, not a stack trace.
    await Console.Error.WriteLineAsync($"CarbonVoice.Sample.Host cannot start: {exception.Message}");
    return 1;
}

/// <summary>The entry point, visible to <c>WebApplicationFactory</c>.</summary>
public partial class Program;
