using System.Net;
using System.Text;

namespace CarbonVoice.Sdk.Connector.Tests.Support;

/// <summary>Answers 400 with an error body (a non-retryable refusal) for the requests whose path ends with <paramref name="pathSuffix"/>; passes the rest on.</summary>
public sealed class PathFailingHandler(HttpMessageHandler inner, string pathSuffix) : DelegatingHandler(inner)
{
    private int _refused;

    public int Refused => Volatile.Read(ref _refused);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!request.RequestUri!.AbsolutePath.EndsWith(pathSuffix, StringComparison.Ordinal))
        {
            return base.SendAsync(request, cancellationToken);
        }

        Interlocked.Increment(ref _refused);
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.BadRequest)
        {
            Content = new StringContent("{\"message\":\"listing refused by the test\"}", Encoding.UTF8, "application/json"),
            RequestMessage = request,
        });
    }
}
