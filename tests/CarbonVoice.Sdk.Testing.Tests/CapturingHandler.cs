using System.Collections.Concurrent;
using System.Net;

namespace CarbonVoice.Sdk.Testing.Tests;

/// <summary>Receives webhooks in-process and records them.</summary>
internal sealed class CapturingHandler : HttpMessageHandler
{
    public ConcurrentQueue<(Uri Url, Dictionary<string, string> Headers, string Body)> Received { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var headers = request.Headers.Concat(request.Content!.Headers).ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        Received.Enqueue((request.RequestUri!, headers, await request.Content.ReadAsStringAsync(cancellationToken)));
        return new HttpResponseMessage(HttpStatusCode.OK);
    }
}
