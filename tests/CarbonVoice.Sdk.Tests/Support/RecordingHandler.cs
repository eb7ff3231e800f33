using System.Collections.Concurrent;

namespace CarbonVoice.Sdk.Tests.Support;

/// <summary>
/// Sits between the SDK and a MockHttp handler and records every request that reaches the transport
/// (method, URL, credentials, body), so tests can count and inspect what was really sent.
/// </summary>
internal sealed class RecordingHandler : DelegatingHandler
{
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    public RecordingHandler(HttpMessageHandler inner)
        : base(inner)
    {
    }

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>How many requests with this method and path (no query) were sent.</summary>
    public int Count(HttpMethod method, string path)
        => _requests.Count(r => r.Method == method && string.Equals(r.Path, "/" + path.TrimStart('/'), StringComparison.Ordinal));

    /// <summary>How many requests were sent whose path starts with <paramref name="pathPrefix"/>.</summary>
    public int CountStartingWith(string pathPrefix)
        => _requests.Count(r => r.Path.StartsWith("/" + pathPrefix.TrimStart('/'), StringComparison.Ordinal));

    public RecordedRequest Single(HttpMethod method, string path)
        => Assert.Single(_requests, r => r.Method == method && string.Equals(r.Path, "/" + path.TrimStart('/'), StringComparison.Ordinal));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var apiKey = request.Headers.TryGetValues("x-api-key", out var keys) ? keys.FirstOrDefault() : null;
        _requests.Enqueue(new RecordedRequest(request.Method, request.RequestUri!, request.Headers.Authorization?.ToString(), apiKey, body) { Accept = request.Headers.Accept.ToString() });
        return await base.SendAsync(request, cancellationToken);
    }
}

/// <summary>A request as it reached the transport.</summary>
internal sealed record RecordedRequest(HttpMethod Method, Uri Uri, string? Authorization, string? ApiKey, string? Body)
{
    public string Path => Uri.AbsolutePath;

    /// <summary>The Accept header as sent (empty when none).</summary>
    public string Accept { get; init; } = string.Empty;

    /// <summary>The body parsed as <c>application/x-www-form-urlencoded</c>.</summary>
    public IReadOnlyDictionary<string, string> Form => FormData.Parse(Body);

    /// <summary>The query string parsed into name/value pairs.</summary>
    public IReadOnlyDictionary<string, string> Query => FormData.Parse(Uri.Query.TrimStart('?'));
}

/// <summary>Parses form bodies and query strings (single-valued).</summary>
internal static class FormData
{
    public static IReadOnlyDictionary<string, string> Parse(string? text)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(text))
        {
            return result;
        }

        foreach (var pair in text.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var index = pair.IndexOf('=', StringComparison.Ordinal);
            var name = index < 0 ? pair : pair[..index];
            var value = index < 0 ? string.Empty : pair[(index + 1)..];
            result[Unescape(name)] = Unescape(value);
        }

        return result;
    }

    private static string Unescape(string value) => Uri.UnescapeDataString(value.Replace('+', ' '));
}
