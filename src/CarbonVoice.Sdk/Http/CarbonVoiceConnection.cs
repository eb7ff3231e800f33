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
        using var request = CreateRequest(method, ApiUri(path), "application/json", endpoint, idempotent);
        request.Content = content;
        var (response, body) = await ReadAsync(_http, request, endpoint, cancellationToken, textBody: false, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        using (response)
        {
            // The body is still the pooled buffer the attempt read it into: deserialized in place, then returned to the pool.
            return Deserialize(endpoint, body, typeInfo, wrapper);
        }
    }

    /// <summary>
    /// Reads a route that answers a bare string rather than JSON (the signed-URL routes): a plain body, which the
    /// service sends as <c>text/html</c>, or a JSON-quoted string. A real HTML page still fails as malformed.
    /// </summary>
    public async Task<string> GetTextAsync(string endpoint, PathBuilder path, CancellationToken cancellationToken)
    {
        using var request = CreateRequest(HttpMethod.Get, ApiUri(path), "application/json", endpoint, idempotent: true);
        var (response, body) = await ReadAsync(_http, request, endpoint, cancellationToken, textBody: true, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        using (response)
        {
            return Encoding.UTF8.GetString(body.Span);
        }
    }

    /// <summary>
    /// Downloads <paramref name="url"/>, a signed URL of a file host (not a Carbon Voice route): no credential is attached,
    /// no rate-limit state is touched, at most <paramref name="maxBytes"/> bytes are read, and errors never quote the URL or
    /// the host's body (a signature may be echoed in it). Redirects are followed by the transport only to http or https,
    /// and a final address of another scheme is refused.
    /// </summary>
    public async Task<AttachmentDownload> DownloadAsync(Uri url, long maxBytes, CancellationToken cancellationToken)
    {
        const string endpoint = "GET {signed attachment URL}";
        using var request = CreateRequest(HttpMethod.Get, url, "*/*", endpoint, idempotent: true, anonymous: true);
        request.Options.Set(CarbonVoiceRequestOptions.External, true);
        request.Options.Set(CarbonVoiceRequestOptions.MaxResponseBytes, maxBytes);
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        }
        catch (ResponseTooLargeException exception)
        {
            throw new CarbonVoiceContentTooLargeException($"The attachment download {exception.Message}; nothing more was read.", exception.MaxBytes, exception.ContentLength);
        }
        catch (ResponseBodyException exception)
        {
            throw new CarbonVoiceTransportException($"The attachment download {exception.Message}", new CarbonVoiceErrorDetails(exception.StatusCode ?? default, endpoint), exception);
        }
        catch (TimeoutRejectedException exception)
        {
            throw new CarbonVoiceTransportException("The attachment download timed out.", exception);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CarbonVoiceTransportException("The attachment download timed out.", exception);
        }
        catch (HttpRequestException exception)
        {
            // The transport's text names the host at most, never the query; the URL itself is not repeated.
            throw new CarbonVoiceTransportException($"The attachment download failed without a response ({exception.HttpRequestError}).", exception);
        }

        using (response)
        {
            var final = response.RequestMessage?.RequestUri ?? url;
            if (final.IsAbsoluteUri && final.Scheme != Uri.UriSchemeHttps && final.Scheme != Uri.UriSchemeHttp)
            {
                throw new CarbonVoiceTransportException($"The attachment download was redirected to a {final.Scheme} address; only http and https are followed.");
            }

            if (!response.IsSuccessStatusCode)
            {
                // The file host's body is not quoted: a signature mismatch answer echoes the signature.
                throw ErrorResponseMapper.Map(response.StatusCode, endpoint, null, response);
            }

            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            var type = response.Content.Headers.ContentType;
            return new AttachmentDownload { Content = body, MediaType = type?.MediaType, CharSet = type?.CharSet?.Trim('"') };
        }
    }

    /// <summary>A request of this connection: its Accept and User-Agent headers and the options the pipeline reads.</summary>
    private HttpRequestMessage CreateRequest(HttpMethod method, Uri uri, string accept, string endpoint, bool idempotent, bool anonymous = false)
    {
        var request = new HttpRequestMessage(method, uri);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        request.Headers.UserAgent.TryParseAdd(_options.CurrentValue.UserAgent);
        request.Options.Set(CarbonVoiceRequestOptions.ConnectionId, ConnectionId);
        request.Options.Set(CarbonVoiceRequestOptions.Endpoint, endpoint);
        request.Options.Set(CarbonVoiceRequestOptions.Idempotent, idempotent);
        request.Options.Set(CarbonVoiceRequestOptions.Anonymous, anonymous);
        return request;
    }

    /// <summary>
    /// Sends a prepared request and returns the body of a successful response; every failure becomes a <see cref="CarbonVoiceException"/>.
    /// </summary>
    public static async Task<byte[]> SendAsync(HttpClient http, HttpRequestMessage request, string endpoint, CancellationToken cancellationToken)
    {
        var (response, body) = await ReadAsync(http, request, endpoint, cancellationToken, textBody: false).ConfigureAwait(false);
        using (response)
        {
            return body.ToArray();
        }
    }

    /// <summary>
    /// Sends a prepared request and returns its response with the body of a successful answer (the caller disposes the
    /// response, which owns the body's buffer); every failure becomes a <see cref="CarbonVoiceException"/>. With
    /// <paramref name="textBody"/> (a route that answers a bare string) a <c>text/html</c> content type is not an error page by itself.
    /// </summary>
    /// <remarks>
    /// The API pipeline reads the body inside each attempt (<see cref="ResponseBufferingHandler"/>), so retries and both timeouts
    /// cover it: <paramref name="completion"/> is <see cref="HttpCompletionOption.ResponseHeadersRead"/> there, since
    /// <see cref="HttpCompletionOption.ResponseContentRead"/> would copy the pooled body into another buffer. A plain
    /// <see cref="HttpClient"/> given to OAuthClient reads its body with <see cref="HttpCompletionOption.ResponseContentRead"/>.
    /// </remarks>
    private static async Task<(HttpResponseMessage Response, ReadOnlyMemory<byte> Body)> ReadAsync(HttpClient http, HttpRequestMessage request, string endpoint, CancellationToken cancellationToken, bool textBody, HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
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

        try
        {
            var body = await CheckAsync(response, request, endpoint, textBody, cancellationToken).ConfigureAwait(false);
            return (response, body);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <summary>The body of a successful response; throws the typed error of any other.</summary>
    private static async Task<ReadOnlyMemory<byte>> CheckAsync(HttpResponseMessage response, HttpRequestMessage request, string endpoint, bool textBody, CancellationToken cancellationToken)
    {
        ReadOnlyMemory<byte> body;
        if (response.Content is PooledBodyContent pooled)
        {
            body = pooled.Memory;
        }
        else
        {
            try
            {
                body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException exception)
            {
                throw new CarbonVoiceMalformedResponseException($"Carbon Voice {endpoint} answered {(int)response.StatusCode} but its body could not be read completely.", exception);
            }
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

        if (!response.IsSuccessStatusCode || ErrorResponseMapper.IsFailureEnvelope(body.Span))
        {
            var text = await RequestSecrets.ScrubAsync(request, Encoding.UTF8.GetString(body.Span), cancellationToken).ConfigureAwait(false);
            throw ErrorResponseMapper.Map(response.StatusCode, endpoint, text, response);
        }

        if (textBody ? StartsWithTag(body.Span) : IsHtml(response, body.Span))
        {
            throw Malformed(endpoint, response.StatusCode, body.Span, "an HTML page instead of JSON", null);
        }

        return body;
    }

    public static T Deserialize<T>(string endpoint, byte[] body, JsonTypeInfo<T> typeInfo, string? wrapper = null)
        => Deserialize(endpoint, (ReadOnlyMemory<byte>)body, typeInfo, wrapper);

    public static T Deserialize<T>(string endpoint, ReadOnlyMemory<byte> memory, JsonTypeInfo<T> typeInfo, string? wrapper = null)
    {
        var body = memory.Span;
        if (body.Trim(" \r\n\t"u8).IsEmpty)
        {
            throw Malformed(endpoint, HttpStatusCode.OK, body, "an empty body", null);
        }

        string? readFrom = null;
        try
        {
            if (wrapper is not null)
            {
                using var document = JsonDocument.Parse(memory);
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

    /// <summary>The address of an API route: <paramref name="path"/> under the configured base address (always taken as a folder).</summary>
    private Uri ApiUri(PathBuilder path)
    {
        var baseAddress = _options.CurrentValue.BaseAddress;
        var folder = baseAddress.AbsoluteUri.EndsWith('/') ? baseAddress : new Uri(baseAddress.AbsoluteUri + "/");
        return new Uri(folder, path.ToString().TrimStart('/'));
    }

    /// <summary>The content coding still on the body (decompressing handlers remove the header), or null when none is.</summary>
    private static string? Undecoded(HttpResponseMessage response)
    {
        var codings = response.Content.Headers.ContentEncoding;
        if (codings.Count == 0)
        {
            return null;
        }

        var encodings = codings.Where(e => !string.Equals(e, "identity", StringComparison.OrdinalIgnoreCase)).ToList();
        return encodings.Count == 0 ? null : string.Join(", ", encodings);
    }

    private static bool IsHtml(HttpResponseMessage response, ReadOnlySpan<byte> body)
        => response.Content.Headers.ContentType?.MediaType == "text/html" || StartsWithTag(body);

    private static bool StartsWithTag(ReadOnlySpan<byte> body) => body.TrimStart(" \r\n\t"u8).StartsWith("<"u8);

    private static CarbonVoiceMalformedResponseException Malformed(string endpoint, HttpStatusCode status, ReadOnlySpan<byte> body, string what, Exception? inner)
    {
        var excerpt = Redactor.Excerpt(Encoding.UTF8.GetString(body[..Math.Min(body.Length, Redactor.MaxExcerptLength * 2)]));
        return new CarbonVoiceMalformedResponseException(
            $"Carbon Voice {endpoint} answered {(int)status} with {what}; the response could not be read.",
            new CarbonVoiceErrorDetails(status, endpoint, ResponseBodyExcerpt: excerpt),
            inner);
    }
}
