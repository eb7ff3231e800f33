using System.Net;
using System.Net.Http.Headers;

namespace CarbonVoice.Sdk.Testing;

/// <summary>Answers requests in-process: no sockets, no ASP.NET pipeline.</summary>
internal sealed class InProcessHandler : HttpMessageHandler
{
    private readonly CarbonVoiceEmulator _emulator;

    public InProcessHandler(CarbonVoiceEmulator emulator)
    {
        _emulator = emulator;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        var uri = request.RequestUri ?? throw new InvalidOperationException("The request has no URI.");
        if (!uri.IsAbsoluteUri)
        {
            uri = new Uri(_emulator.BaseAddress, uri);
        }

        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var authorization = request.Headers.Authorization;
        var emulatorRequest = new EmulatorRequest(request.Method.Method, uri.AbsolutePath, uri.Query, () => uri.GetLeftPart(UriPartial.Authority) + "/")
        {
            AuthorizationScheme = authorization?.Scheme,
            AuthorizationParameter = authorization?.Parameter,
            ApiKey = request.Headers.NonValidated.TryGetValues("x-api-key", out var keys) ? keys.ToString() : null,
            ControlKey = request.Headers.NonValidated.TryGetValues(ControlKey.HeaderName, out var controlKeys) ? controlKeys.ToString() : null,
            ContentType = request.Content?.Headers.ContentType?.MediaType,
            Body = body,
        };

        var response = await _emulator.Processor.ProcessAsync(emulatorRequest, cancellationToken).ConfigureAwait(false);
        if (response.Abort)
        {
            throw new HttpRequestException(
                HttpRequestError.ConnectionError,
                "An error occurred while sending the request: the emulator reset the connection.",
                new IOException("Connection reset by peer (injected by the Carbon Voice emulator)."));
        }

        var message = new HttpResponseMessage((HttpStatusCode)response.Status)
        {
            RequestMessage = request,
            Content = Content(response),
        };
        message.Content.Headers.TryAddWithoutValidation("Content-Type", response.ContentType);
        if (response.Headers is { } headers)
        {
            foreach (var (name, value) in headers)
            {
                if (name == "Location")
                {
                    message.Headers.Location = new Uri(value, UriKind.RelativeOrAbsolute);
                }
                else if (name == "Retry-After")
                {
                    message.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(long.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));
                }
                else if (!message.Headers.TryAddWithoutValidation(name, value))
                {
                    // Content headers (Content-Encoding) belong to the content.
                    message.Content.Headers.TryAddWithoutValidation(name, value);
                }
            }
        }

        return message;
    }

    /// <summary>The body at once, or read from a stream that drips it or resets mid-way; the length is always the whole body's, as a server announces it.</summary>
    private HttpContent Content(EmulatorResponse response)
    {
        if (!EmulatorBodyStream.IsNeeded(response))
        {
            return new ByteArrayContent(response.Body);
        }

        var content = new StreamContent(new EmulatorBodyStream(response, _emulator.Time));
        content.Headers.ContentLength = response.Body.Length;
        return content;
    }
}
