namespace CarbonVoice.Sdk.Internal;

/// <summary>
/// Reads every response body into memory inside the resilience pipeline's attempt, with the attempt's token: a body
/// that breaks off becomes a retriable <see cref="ResponseBodyException"/>, and a body that trickles in slowly is cut by
/// the attempt timeout and by the call's budget like a slow header would be. Sits between the resilience handler and
/// the authentication handler. A request with <see cref="CarbonVoiceRequestOptions.MaxResponseBytes"/> reads at most
/// that many bytes: a longer body (announced or not) fails with <see cref="ResponseTooLargeException"/>.
/// </summary>
internal sealed class ResponseBufferingHandler : DelegatingHandler
{
    private const int CopyBuffer = 81_920;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            if (request.Options.TryGetValue(CarbonVoiceRequestOptions.MaxResponseBytes, out var maxBytes))
            {
                // A bounded request reads only a successful body; an error's body is never used (nor limited).
                if (response.IsSuccessStatusCode)
                {
                    await LoadBoundedAsync(response, maxBytes, cancellationToken).ConfigureAwait(false);
                }
            }
            else
            {
                await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
            }

            return response;
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
        {
            response.Dispose();
            throw new ResponseBodyException(response.StatusCode, exception);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <summary>Reads at most <paramref name="maxBytes"/> bytes (one more tells a body that is too long) and puts them back as the content.</summary>
    private static async Task LoadBoundedAsync(HttpResponseMessage response, long maxBytes, CancellationToken cancellationToken)
    {
        var announced = response.Content.Headers.ContentLength;
        if (announced > maxBytes)
        {
            throw new ResponseTooLargeException(maxBytes, announced);
        }

        using var buffer = new MemoryStream(announced is { } length ? (int)Math.Min(length, CopyBuffer * 16) : CopyBuffer);
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var chunk = new byte[CopyBuffer];
            while (true)
            {
                var read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                if (buffer.Length + read > maxBytes)
                {
                    throw new ResponseTooLargeException(maxBytes, announced);
                }

                buffer.Write(chunk, 0, read);
            }
        }

        var content = new ByteArrayContent(buffer.ToArray());
        foreach (var header in response.Content.Headers)
        {
            if (!string.Equals(header.Key, "Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        response.Content.Dispose();
        response.Content = content;
    }
}
