using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace CarbonVoice.Sdk.Tests.Support;

/// <summary>Builds HTTP responses (with headers) for MockHttp's <c>Respond(Func&lt;HttpRequestMessage, HttpResponseMessage&gt;)</c>.</summary>
internal static class Responses
{
    public static HttpResponseMessage Json(HttpStatusCode status, string json, params (string Name, string Value)[] headers)
        => Create(status, json, "application/json", headers);

    public static HttpResponseMessage Html(HttpStatusCode status, string html)
        => Create(status, html, "text/html", []);

    public static HttpResponseMessage RateLimited(TimeSpan? retryAfter, params (string Name, string Value)[] headers)
    {
        var response = Json(HttpStatusCode.TooManyRequests, """{"success":false,"requestId":"rl-1","errmsg":"Too many requests"}""", headers);
        if (retryAfter is { } delay)
        {
            response.Headers.RetryAfter = new RetryConditionHeaderValue(delay);
        }

        return response;
    }

    public static HttpResponseMessage Create(HttpStatusCode status, string body, string mediaType, (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, mediaType) };
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }

    /// <summary>A responder that answers with each factory in turn, then repeats the last one.</summary>
    public static Func<HttpRequestMessage, HttpResponseMessage> Sequence(params Func<HttpResponseMessage>[] responses)
    {
        var next = -1;
        return _ =>
        {
            var index = Math.Min(Interlocked.Increment(ref next), responses.Length - 1);
            return responses[index]();
        };
    }
}
