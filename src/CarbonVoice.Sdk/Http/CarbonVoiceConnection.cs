using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace CarbonVoice.Sdk.Internal;

/// <summary>
/// Sends requests for one connection and reads their responses: every area client goes through here, so error
/// mapping, the <c>success: false</c> envelope, unwrapping and malformed-body handling live in one place.
/// </summary>
internal sealed class CarbonVoiceConnection
{
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json") { CharSet = "utf-8" };
    private readonly HttpClient _http;
    private readonly IOptionsMonitor<CarbonVoiceOptions> _options;

    public CarbonVoiceConnection(HttpClient http, IOptionsMonitor<CarbonVoiceOptions> options, string connectionId, TimeProvider time)
    {
        _http = http;
        _options = options;
        ConnectionId = connectionId;
        Time = time;
    }

    public string ConnectionId { get; }

    /// <summary>The SDK's clock, for area clients that wait (export polling).</summary>
    public TimeProvider Time { get; }

    public Task<T> GetAsync<T>(string endpoint, PathBuilder path, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken, string? wrapper = null)
        => SendAsync(HttpMethod.Get, endpoint, path, null, typeInfo, idempotent: true, cancellationToken, wrapper);

    public Task<TResponse> PostAsync<TRequest, TResponse>(string endpoint, PathBuilder path, TRequest body, JsonTypeInfo<TRequest> requestInfo, JsonTypeInfo<TResponse> responseInfo, bool idempotent, CancellationToken cancellationToken, string? wrapper = null)
        => SendJsonAsync(HttpMethod.Post, endpoint, path, body, requestInfo, responseInfo, idempotent, cancellationToken, wrapper);

    public Task<TResponse> SendJsonAsync<TRequest, TResponse>(HttpMethod method, string endpoint, PathBuilder path, TRequest body, JsonTypeInfo<TRequest> requestInfo, JsonTypeInfo<TResponse> responseInfo, bool idempotent, CancellationToken cancellationToken, string? wrapper = null)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, requestInfo));
        content.Headers.ContentType = JsonMediaType;
        return SendAsync(method, endpoint, path, content, responseInfo, idempotent, cancellationToken, wrapper);
    }

    public async Task<T> SendAsync<T>(HttpMethod method, string endpoint, PathBuilder path, HttpContent? content, JsonTypeInfo<T> typeInfo, bool idempotent, CancellationToken cancellationToken, string? wrapper = null)
    {
        var body = await SendRawAsync(method, endpoint, path, content, idempotent, anonymous: false, cancellationToken).ConfigureAwait(false);
        return Deserialize(endpoint, body, typeInfo, wrapper);
    }

    /// <summary>Sends the request and returns the body of a successful response; throws the typed error otherwise.</summary>
    public async Task<byte[]> SendRawAsync(HttpMethod method, string endpoint, PathBuilder path, HttpContent? content, bool idempotent, bool anonymous, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(BaseAddress(), path.ToString().TrimStart('/')));
        request.Content = content;
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.UserAgent.TryParseAdd(_options.CurrentValue.UserAgent);
        request.Options.Set(CarbonVoiceRequestOptions.ConnectionId, ConnectionId);
        request.Options.Set(CarbonVoiceRequestOptions.Endpoint, endpoint);
        request.Options.Set(CarbonVoiceRequestOptions.Idempotent, idempotent);
        request.Options.Set(CarbonVoiceRequestOptions.Anonymous, anonymous);
        return await SendAsync(_http, request, endpoint, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends a prepared request and returns the body of a successful response; every failure becomes a <see cref="CarbonVoiceException"/>.</summary>
    public static async Task<byte[]> SendAsync(HttpClient http, HttpRequestMessage request, string endpoint, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            // The SDK's pipelines read the body inside each attempt (ResponseBufferingHandler), so retries and both
            // timeouts cover it and this is a no-op for them; it still reads the body of a plain HttpClient given to OAuthClient.
            response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        }
        catch (CarbonVoiceException)
        {
            throw;
        }
        catch (ResponseBodyException exception)
        {
            throw new CarbonVoiceTransportException($"Carbon Voice {endpoint} {exception.Message}", new CarbonVoiceErrorDetails(exception.StatusCode ?? default, endpoint), exception);
        }
        catch (TimeoutRejectedException exception)
        {
            throw new CarbonVoiceTransportException($"Carbon Voice {endpoint} timed out.", exception);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CarbonVoiceTransportException($"Carbon Voice {endpoint} timed out.", exception);
        }
        catch (HttpRequestException exception)
        {
            throw new CarbonVoiceTransportException($"Carbon Voice {endpoint} failed without a response: {exception.Message}", exception);
        }

        using (response)
        {
            byte[] body;
            try
            {
                body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException exception)
            {
                throw new CarbonVoiceMalformedResponseException($"Carbon Voice {endpoint} answered {(int)response.StatusCode} but its body could not be read completely.", exception);
            }

            if (Undecoded(response) is { } encoding)
            {
                // A primary handler of the caller's that does not decompress: the bytes are not JSON, so say why.
                if (!response.IsSuccessStatusCode)
                {
                    throw ErrorResponseMapper.Map(response.StatusCode, endpoint, null, response);
                }

                throw Malformed(endpoint, response.StatusCode, [], $"a {encoding}-encoded body that the HTTP handler did not decompress (enable AutomaticDecompression on the primary handler)", null);
            }

            if (!response.IsSuccessStatusCode || ErrorResponseMapper.IsFailureEnvelope(body))
            {
                var text = await RequestSecrets.ScrubAsync(request, Encoding.UTF8.GetString(body), cancellationToken).ConfigureAwait(false);
                throw ErrorResponseMapper.Map(response.StatusCode, endpoint, text, response);
            }

            if (IsHtml(response, body))
            {
                throw Malformed(endpoint, response.StatusCode, body, "an HTML page instead of JSON", null);
            }

            return body;
        }
    }

    public static T Deserialize<T>(string endpoint, byte[] body, JsonTypeInfo<T> typeInfo, string? wrapper = null)
    {
        if (body.Length == 0 || body.AsSpan().Trim(" \r\n\t"u8).IsEmpty)
        {
            throw Malformed(endpoint, HttpStatusCode.OK, body, "an empty body", null);
        }

        string? readFrom = null;
        try
        {
            if (wrapper is not null)
            {
                using var document = JsonDocument.Parse(body);
                var root = document.RootElement;
                if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty(wrapper, out var inner) && inner.ValueKind == JsonValueKind.Object && !root.TryGetProperty("id", out _))
                {
                    readFrom = wrapper;
                    return inner.Deserialize(typeInfo) ?? throw Malformed(endpoint, HttpStatusCode.OK, body, "null", null);
                }

                return root.Deserialize(typeInfo) ?? throw Malformed(endpoint, HttpStatusCode.OK, body, "null", null);
            }

            return JsonSerializer.Deserialize(body, typeInfo) ?? throw Malformed(endpoint, HttpStatusCode.OK, body, "null", null);
        }
        catch (JsonException exception)
        {
            // Well-formed JSON of another shape says where and what; broken JSON says where it broke.
            var what = JsonShapeMismatch.Describe(exception, body, typeInfo, readFrom) is { } mismatch
                ? "JSON of an unexpected shape " + mismatch
                : "malformed or truncated JSON" + (exception.BytePositionInLine is { } bytePosition ? $" at byte {bytePosition}" : string.Empty);
            throw Malformed(endpoint, HttpStatusCode.OK, body, what, exception);
        }
    }

    private Uri BaseAddress()
    {
        var baseAddress = _options.CurrentValue.BaseAddress;
        return baseAddress.AbsoluteUri.EndsWith('/') ? baseAddress : new Uri(baseAddress.AbsoluteUri + "/");
    }

    /// <summary>The content coding still on the body (decompressing handlers remove the header), or null when none is.</summary>
    private static string? Undecoded(HttpResponseMessage response)
    {
        var encodings = response.Content.Headers.ContentEncoding.Where(e => !string.Equals(e, "identity", StringComparison.OrdinalIgnoreCase)).ToList();
        return encodings.Count == 0 ? null : string.Join(", ", encodings);
    }

    private static bool IsHtml(HttpResponseMessage response, byte[] body)
        => response.Content.Headers.ContentType?.MediaType == "text/html"
            || body.AsSpan().TrimStart(" \r\n\t"u8).StartsWith("<"u8);

    private static CarbonVoiceMalformedResponseException Malformed(string endpoint, HttpStatusCode status, byte[] body, string what, Exception? inner)
    {
        var excerpt = Redactor.Excerpt(Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, Redactor.MaxExcerptLength * 2)));
        return new CarbonVoiceMalformedResponseException(
            $"Carbon Voice {endpoint} answered {(int)status} with {what}; the response could not be read.",
            new CarbonVoiceErrorDetails(status, endpoint, ResponseBodyExcerpt: excerpt),
            inner);
    }
}
