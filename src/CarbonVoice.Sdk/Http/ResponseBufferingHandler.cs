namespace CarbonVoice.Sdk.Internal;

/// <summary>
/// Reads every response body into memory inside the resilience pipeline's attempt, with the attempt's token: a body
/// that breaks off becomes a retriable <see cref="ResponseBodyException"/>, and a body that trickles in slowly is cut by
/// the attempt timeout and by the call's budget like a slow header would be. Sits between the resilience handler and
/// the authentication handler. The body is read once, into a pooled buffer (<see cref="PooledBodyContent"/>) that the
/// connection deserializes from without another copy. A request with <see cref="CarbonVoiceRequestOptions.MaxResponseBytes"/>
/// reads at most that many bytes: a longer body (announced or not) fails with <see cref="ResponseTooLargeException"/>.
/// </summary>
internal sealed class ResponseBufferingHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            if (!request.Options.TryGetValue(CarbonVoiceRequestOptions.MaxResponseBytes, out var maxBytes))
            {
                await LoadAsync(response, long.MaxValue, cancellationToken).ConfigureAwait(false);
            }
            else if (response.IsSuccessStatusCode)
            {
                // A bounded request reads only a successful body; an error's body is never used (nor limited).
                await LoadAsync(response, maxBytes, cancellationToken).ConfigureAwait(false);
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
    private static async Task LoadAsync(HttpResponseMessage response, long maxBytes, CancellationToken cancellationToken)
    {
        var original = response.Content;
        var announced = original.Headers.ContentLength;
        if (announced > maxBytes)
        {
            throw new ResponseTooLargeException(maxBytes, announced);
        }

        PooledBodyContent content;
        var stream = await original.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            content = await PooledBodyContent.ReadAsync(stream, announced, maxBytes, cancellationToken).ConfigureAwait(false);
        }

        foreach (var header in original.Headers)
        {
            if (!string.Equals(header.Key, "Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        original.Dispose();
        response.Content = content;
    }
}
