using System.Net;
using System.Text;

namespace CarbonVoice.Sdk.Connector.Tests.Support;

/// <summary>Answers <paramref name="status"/> (400 unless told: a non-retryable refusal) with an error body for the requests whose path ends with <paramref name="pathSuffix"/>; passes the rest on.</summary>
public sealed class PathFailingHandler(HttpMessageHandler inner, string pathSuffix, HttpStatusCode status = HttpStatusCode.BadRequest) : DelegatingHandler(inner)
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
        return Task.FromResult(new HttpResponseMessage(status)
        {
            Content = new StringContent("{\"message\":\"listing refused by the test\"}", Encoding.UTF8, "application/json"),
            RequestMessage = request,
        });
    }
}
