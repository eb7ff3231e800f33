using System.Globalization;
using System.Text.Json;

namespace CarbonVoice.ContractCheck.Capture;

/// <summary>
/// Wraps the primary handler and keeps a copy of each raw response body (and the <c>limit</c> each request asked
/// for), so the check sees exactly what the service sent, before the SDK reads it. The body is handed on unchanged.
/// </summary>
internal sealed class CapturingHandler : DelegatingHandler
{
    private readonly CaptureRecorder _recorder;

    public CapturingHandler(CaptureRecorder recorder, HttpMessageHandler inner)
        : base(inner)
    {
        _recorder = recorder;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var limit = await LimitOfAsync(request, cancellationToken).ConfigureAwait(false);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var original = response.Content;
        var body = await original.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var copy = new ByteArrayContent(body);
        foreach (var header in original.Headers)
        {
            copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        response.Content = copy;
        original.Dispose();
        _recorder.Record(new CapturedExchange(request.Method.Method, request.RequestUri?.AbsolutePath ?? string.Empty, limit, (int)response.StatusCode, body));
        return response;
    }

    private static async Task<int?> LimitOfAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri?.Query is { Length: > 1 } query)
        {
            foreach (var pair in query[1..].Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var parts = pair.Split('=', 2);
                if (parts.Length == 2 && Uri.UnescapeDataString(parts[0]) == "limit"
                    && int.TryParse(Uri.UnescapeDataString(parts[1]), NumberStyles.Integer, CultureInfo.InvariantCulture, out var fromQuery))
                {
                    return fromQuery;
                }
            }
        }

        if (request.Content is null)
        {
            return null;
        }

        // The SDK sends JSON bodies as buffered byte arrays, which can be read again.
        var bytes = await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var document = JsonDocument.Parse(bytes);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("limit", out var value)
                && value.TryGetInt32(out var fromBody) ? fromBody : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
