// Consumes the packed packages like a user: the SDK's DI registration, a typed call, paging and a typed error over an
// in-process handler (no network); the connector and its providers registered through their extension methods; the
// emulator package started in process; the hosting package's routes mapped on a web application. Exits non-zero when
// anything is off.
using System.Net;
using System.Text;
using CarbonVoice.Sdk;
using CarbonVoice.Sdk.Connector;
using CarbonVoice.Sdk.Connector.AspNetCore;
using CarbonVoice.Sdk.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

var services = new ServiceCollection();
services.AddCarbonVoice(options =>
    {
        options.BaseAddress = new Uri("http://carbonvoice.consumer.test/");
        options.AuthenticationMode = CarbonVoiceAuthenticationMode.PersonalAccessToken;
        options.PersonalAccessToken = "cv_pat_consumer";
    })
    .ConfigurePrimaryHandler(_ => new FakeApi());
await using var provider = services.BuildServiceProvider();
var client = provider.GetRequiredService<ICarbonVoiceClient>();

var names = new List<string>();
await foreach (var workspace in client.Workspaces.ListAsync())
{
    names.Add(workspace.Name ?? "?");
}

try
{
    await client.Workspaces.GetAsync("missing");
    throw new InvalidOperationException("expected a not-found error");
}
catch (CarbonVoiceNotFoundException error) when (error.RequestId == "req-1")
{
}

if (string.Join(",", names) != "Alpha,Beta")
{
    throw new InvalidOperationException("unexpected workspaces: " + string.Join(",", names));
}

var connector = new ServiceCollection();
connector.AddCarbonVoice(options =>
    {
        options.BaseAddress = new Uri("http://carbonvoice.consumer.test/");
        options.AuthenticationMode = CarbonVoiceAuthenticationMode.ApiKey;
        options.ApiKey = "consumer-key";
    })
    .UseDataProtectionTokenProtector();
connector.AddCarbonVoiceConnector();
connector.AddCarbonVoiceConnectorSqlite("Data Source=consumer;Mode=Memory;Cache=Shared");
connector.AddCarbonVoiceConnectorPostgreSql("Host=127.0.0.1;Port=1;Username=consumer;Database=consumer");
connector.AddCarbonVoiceConnectorAzureQueues("UseDevelopmentStorage=true");
string[] registering = ["CarbonVoice.Sdk.Connector", "CarbonVoice.Sdk.Connector.Sqlite", "CarbonVoice.Sdk.Connector.PostgreSql", "CarbonVoice.Sdk.Connector.AzureQueues", "CarbonVoice.Sdk.DataProtection"];
var missing = registering.Where(package => !connector.Any(d => FromPackage(d, package))).ToList();
if (missing.Count > 0 || !connector.Any(d => d.ServiceType == typeof(ICarbonVoiceSyncService)))
{
    throw new InvalidOperationException("registered nothing of: " + string.Join(", ", missing.DefaultIfEmpty(nameof(ICarbonVoiceSyncService))));
}

await using var emulator = new CarbonVoiceEmulator();
if (emulator.Data.MessageCount == 0)
{
    throw new InvalidOperationException("the emulator package generated no messages");
}

// The hosting package: its routes on a web application built from the packages alone (mapped, not started).
var web = WebApplication.CreateBuilder();
web.Services.AddAuthorization();
web.Services.AddCarbonVoice(options =>
{
    options.BaseAddress = new Uri("http://carbonvoice.consumer.test/");
    options.ClientId = "consumer-client";
    options.ClientSecret = "consumer-secret";
});
web.Services.AddCarbonVoiceConnectorEndpoints(o => o.DatabasePath = Path.Combine(Path.GetTempPath(), $"consumer-{Guid.NewGuid():N}.db"));
await using var app = web.Build();
app.MapCarbonVoiceConnector();
var routes = ((IEndpointRouteBuilder)app).DataSources.SelectMany(source => source.Endpoints).OfType<RouteEndpoint>()
    .Select(endpoint => endpoint.RoutePattern.RawText).ToList();
string[] expected = ["/api/connectors/carbonvoice/oauth/callback", "/api/connectors/carbonvoice/webhook", "/api/connectors/carbonvoice/{connector_id}/sync"];
if (expected.Except(routes).ToList() is { Count: > 0 } absent)
{
    throw new InvalidOperationException("the hosting package did not map: " + string.Join(", ", absent));
}

Console.WriteLine($"package consumer OK: {names.Count} workspaces over 2 pages, typed 404, rate limit {client.RateLimit?.Remaining}; "
    + $"{registering.Length} connector packages registered their services; emulator with {emulator.Data.MessageCount} messages; "
    + $"hosting package mapped {routes.Count} routes");

// Whether a registration's service or implementation comes from the package's assembly.
static bool FromPackage(ServiceDescriptor descriptor, string package)
    => new[] { descriptor.ServiceType, descriptor.IsKeyedService ? descriptor.KeyedImplementationType : descriptor.ImplementationType, descriptor.IsKeyedService ? null : descriptor.ImplementationInstance?.GetType(), descriptor.IsKeyedService ? null : descriptor.ImplementationFactory?.Method.DeclaringType }
        .Any(type => type?.Assembly.GetName().Name == package);

internal sealed class FakeApi : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.PathAndQuery;
        var (status, body) = path switch
        {
            "/v5/workspaces" => (HttpStatusCode.OK, """{"results":[{"id":"w1","name":"Alpha"}],"has_more":true,"next_cursor":"w1"}"""),
            "/v5/workspaces?starting_after=w1" => (HttpStatusCode.OK, """{"results":[{"id":"w2","name":"Beta"}],"has_more":false,"next_cursor":null}"""),
            _ => (HttpStatusCode.NotFound, """{"success":false,"requestId":"req-1","errmsg":"Workspace not found"}"""),
        };
        var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        response.Headers.Add("X-RateLimit-Remaining", "41");
        return Task.FromResult(response);
    }
}
