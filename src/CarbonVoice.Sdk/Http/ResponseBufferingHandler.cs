namespace CarbonVoice.Sdk.Internal;

/// <summary>
/// Reads every response body into memory inside the resilience pipeline's attempt, with the attempt's token: a body
/// that breaks off becomes a retriable <see cref="ResponseBodyException"/>, and a body that trickles in slowly is cut by
/// the attempt timeout and by the call's budget like a slow header would be. Sits between the resilience handler and
/// the authentication handler.
/// </summary>
internal sealed class ResponseBufferingHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
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
}
