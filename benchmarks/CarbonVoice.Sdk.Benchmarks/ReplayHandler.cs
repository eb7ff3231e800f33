using System.Net;
using System.Net.Http.Headers;

namespace CarbonVoice.Sdk.Benchmarks;

/// <summary>The transport of every client in the benchmark: answers each request with the same captured bytes (no copy), and rate-limit headers that never exhaust.</summary>
internal sealed class ReplayHandler(byte[] body) : HttpMessageHandler
{
    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = Json;
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request };
        response.Headers.TryAddWithoutValidation("X-RateLimit-Limit", "1000");
        response.Headers.TryAddWithoutValidation("X-RateLimit-Remaining", "999");
        response.Headers.TryAddWithoutValidation("X-RateLimit-Reset", "60");
        return Task.FromResult(response);
    }
}
