using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CarbonVoice.Sdk.Internal;

/// <summary>
/// Attaches the credential of the request's connection: a bearer token from <see cref="IAccessTokenProvider"/>
/// (refreshed before expiry) or the <c>x-api-key</c> header. On 401 it asks for a refresh once and retries once.
/// A request is never sent without a credential.
/// </summary>
internal sealed class AuthenticationHandler : DelegatingHandler
{
    private readonly IAccessTokenProvider? _tokens;
    private readonly IOptionsMonitor<CarbonVoiceOptions> _options;
    private readonly ILogger _logger;

    public AuthenticationHandler(IAccessTokenProvider? tokens, IOptionsMonitor<CarbonVoiceOptions> options, ILogger<AuthenticationHandler>? logger = null)
    {
        _tokens = tokens;
        _options = options;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Options.TryGetValue(CarbonVoiceRequestOptions.Anonymous, out var anonymous) && anonymous)
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        var options = _options.CurrentValue;
        if (options.AuthenticationMode == CarbonVoiceAuthenticationMode.ApiKey)
        {
            if (string.IsNullOrWhiteSpace(options.ApiKey))
            {
                throw new CarbonVoiceAuthenticationException("No Carbon Voice API key is configured (CarbonVoice:ApiKey); the request was not sent.");
            }

            request.Headers.Remove("x-api-key");
            request.Headers.TryAddWithoutValidation("x-api-key", options.ApiKey);
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        var tokens = _tokens ?? throw new CarbonVoiceAuthenticationException("No access token provider is configured; the request was not sent.");
        var connectionId = CarbonVoiceRequestOptions.GetConnectionId(request);
        var token = await tokens.GetAccessTokenAsync(connectionId, cancellationToken).ConfigureAwait(false);
        Attach(request, token, connectionId);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized || options.AuthenticationMode != CarbonVoiceAuthenticationMode.OAuth)
        {
            return response;
        }

        Log.RetryingAfterUnauthorized(_logger, CarbonVoiceRequestOptions.GetEndpoint(request), connectionId);
        string refreshed;
        try
        {
            refreshed = await tokens.RefreshAccessTokenAsync(connectionId, token, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            response.Dispose();
            throw;
        }

        if (string.Equals(refreshed, token, StringComparison.Ordinal))
        {
            return response;
        }

        response.Dispose();
        Attach(request, refreshed, connectionId);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private static void Attach(HttpRequestMessage request, string token, string connectionId)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            throw new CarbonVoiceAuthenticationException($"No access token is available for connection '{connectionId}'; the request was not sent.");
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }
}
