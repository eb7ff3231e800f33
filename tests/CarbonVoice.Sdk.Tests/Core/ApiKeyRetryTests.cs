using System.Net;
using System.Text;
using CarbonVoice.Sdk.Tests.Support;

namespace CarbonVoice.Sdk.Tests.Core;

/// <summary>The <c>x-api-key</c> header on a request the resilience pipeline sends again.</summary>
public class ApiKeyRetryTests
{
    [Fact]
    public async Task A_retried_request_carries_the_api_key_exactly_once()
    {
        var transport = new FlakyTransport();
        using var client = new CarbonVoiceClient(
            TestClients.Options(o => { o.AuthenticationMode = CarbonVoiceAuthenticationMode.ApiKey; o.ApiKey = "key-1234567890"; }),
            primaryHandler: transport);

        var workspace = await client.Workspaces.GetAsync("w1");

        Assert.Equal("w1", workspace.Id);
        Assert.Equal([["key-1234567890"], ["key-1234567890"]], transport.ApiKeys);
    }

    /// <summary>Answers 503 to the first request and the workspace to the next; records the x-api-key values of each.</summary>
    private sealed class FlakyTransport : HttpMessageHandler
    {
        public List<string[]> ApiKeys { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            ApiKeys.Add(request.Headers.TryGetValues("x-api-key", out var values) ? [.. values] : []);
            return Task.FromResult(ApiKeys.Count == 1
                ? new HttpResponseMessage(HttpStatusCode.ServiceUnavailable)
                : new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(TokenHarness.WorkspaceJson, Encoding.UTF8, Json.MediaType) });
        }
    }
}
