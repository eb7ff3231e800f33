// Consumes the packed CarbonVoice.Sdk like a user: DI registration, a typed call, paging and a typed error,
// over an in-process handler (no network). Exits non-zero when anything is off.
using System.Net;
using System.Text;
using CarbonVoice.Sdk;
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

Console.WriteLine($"package consumer OK: {names.Count} workspaces over 2 pages, typed 404, rate limit {client.RateLimit?.Remaining}");

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
