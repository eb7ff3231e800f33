using System.Text;

namespace CarbonVoice.Sdk.Testing;

/// <summary>The transport-neutral core: faults, routing, authentication, rate limits, endpoint, logging.</summary>
internal sealed class RequestProcessor
{
    private static readonly byte[] HtmlBadGateway = "<html>502 Bad Gateway</html>"u8.ToArray();
    private static readonly byte[] Malformed = "{\"success\": true, \"results\": [{\"id\": \"x\",, }"u8.ToArray();
    private const string AnonymousKey = "\0anonymous";
    private const string OAuthClientKeyPrefix = "\0oauth-client:";
    private readonly CarbonVoiceEmulator _emulator;
    private readonly Router _router;

    public RequestProcessor(CarbonVoiceEmulator emulator, Router router)
    {
        _emulator = emulator;
        _router = router;
    }

    public async ValueTask<EmulatorResponse> ProcessAsync(EmulatorRequest request, CancellationToken cancellationToken)
    {
        var segments = Router.Split(request.Path);
        var control = segments.Length > 0 && segments[0] == "_emulator";

        // Signed attachment URLs are served as a separate file host would: no faults, no rate limits of the API.
        var file = segments.Length > 0 && segments[0] == SignedUrls.Prefix;
        var fault = control || file ? default : _emulator.Faults.Next();
        var nowMs = _emulator.NowMs;
        EmulatorResponse response;
        var authKind = EmulatorAuthKind.None;
        switch (fault.Kind)
        {
            case FaultKind.Status500 or FaultKind.Status502 or FaultKind.Status503:
                response = Fail(fault.Status != 0 ? fault.Status : fault.Kind switch { FaultKind.Status502 => 502, FaultKind.Status503 => 503, _ => 500 }, "Injected fault");
                break;
            case FaultKind.ConnectionReset:
                response = new EmulatorResponse { Abort = true, Status = 0 };
                break;
            case FaultKind.HtmlErrorPage:
                response = new EmulatorResponse { Status = 502, ContentType = "text/html", Body = HtmlBadGateway };
                break;
            case FaultKind.TokenExpiredEarly:
                response = Fail(401, "jwt expired");
                break;
            default:
                if (fault.Kind == FaultKind.Latency)
                {
                    await Task.Delay(_emulator.Faults.Latency, _emulator.Time, cancellationToken).ConfigureAwait(false);
                }

                (response, authKind) = Dispatch(request, segments, nowMs);
                if (fault.Kind == FaultKind.TruncatedJson)
                {
                    response.Body = response.Body.AsSpan(0, response.Body.Length / 2).ToArray();
                }
                else if (fault.Kind == FaultKind.MalformedJson)
                {
                    response.Status = 200;
                    response.ContentType = EmulatorResponse.JsonContentType;
                    response.Body = Malformed;
                }
                else if (fault.Kind == FaultKind.ResetMidBody)
                {
                    response.ResetAfterBytes = response.Body.Length / 2;
                }
                else if (fault.Kind == FaultKind.SlowBody)
                {
                    response.BodyParts = _emulator.Faults.DripChunks;
                    response.PartDelay = _emulator.Faults.DripInterval;
                }
                else if (fault.Kind is FaultKind.GzipBody or FaultKind.BrotliBody or FaultKind.DeflateBody)
                {
                    ContentEncodings.Encode(response, fault.Kind.Value);
                }

                break;
        }

        // Only an authenticated request on an authenticated route reaches TryAcquire and takes a token.
        // Every other answer (injected fault, 401, 404, OAuth endpoint) reports its bucket without taking one.
        if (!control && !file && !response.RateLimitReported && !response.Abort && _emulator.RateLimiter.Enabled)
        {
            _emulator.RateLimiter.Report(RateLimitKey(request, segments), nowMs, response);
        }

        if (!control)
        {
            _emulator.RequestLog.Add(new EmulatorRequestLog(
                DateTimeOffset.FromUnixTimeMilliseconds(nowMs), request.Method, file ? SignedUrls.Redact(request.PathAndQuery) : request.PathAndQuery, response.Status, authKind, fault.Kind)
            {
                PresentedCredential = request.AuthorizationScheme is not null || request.ApiKey is not null,
            });
        }

        return response;
    }

    private (EmulatorResponse Response, EmulatorAuthKind AuthKind) Dispatch(EmulatorRequest request, string[] segments, long nowMs)
    {
        var route = _router.Match(request.Method, segments);
        if (route is null)
        {
            return (Fail(404, $"Cannot {request.Method} {request.Path}"), EmulatorAuthKind.None);
        }

        var context = new RequestContext(_emulator, request, segments, route.ParamPositions);
        if (route.RequiresAuth)
        {
            var auth = _emulator.Tokens.Authenticate(request, nowMs);
            if (auth.User is null)
            {
                return (Fail(401, auth.Error ?? "Unauthorized"), EmulatorAuthKind.None);
            }

            context.User = auth.User;
            context.AuthKind = auth.Kind;
            context.ClientId = auth.ClientId;
            if (!_emulator.RateLimiter.TryAcquire(auth.RateLimitKey!, nowMs, context.Response))
            {
                context.Error(429, "Too many requests. Check the X-RateLimit-Limit, X-RateLimit-Remaining and X-RateLimit-Reset headers.");
                return (context.Response, auth.Kind);
            }
        }

        try
        {
            route.Handler(context);
            context.Complete();
        }
#pragma warning disable CA1031 // an endpoint bug must become a 500, as a real server answers
        catch (Exception ex)
#pragma warning restore CA1031
        {
            context.Error(ex is KeyNotFoundException ? 404 : ex is ArgumentException ? 400 : 500, ex.Message);
        }

        if (context.Events is { Count: > 0 } events)
        {
            _emulator.Webhooks.Enqueue(events);
        }

        return (context.Response, context.AuthKind);
    }

    /// <summary>
    /// The bucket a request is reported against: the presented bearer token or API key, valid or not (the same key
    /// <see cref="TokenService.Authenticate"/> gives a valid one); else, under <c>/oauth/</c>, the OAuth client id
    /// (HTTP Basic user name, or <c>client_id</c> in the form or query); else one shared anonymous bucket.
    /// The synthetic keys start with NUL, which no header value can hold, so they never meet a real credential.
    /// </summary>
    private static string RateLimitKey(EmulatorRequest request, string[] segments)
    {
        if (request.Bearer is { } bearer)
        {
            return bearer;
        }

        if (request.ApiKey is { } apiKey)
        {
            return apiKey;
        }

        if (segments.Length > 0 && segments[0] == "oauth" && OAuthClientId(request) is { Length: > 0 } clientId)
        {
            return OAuthClientKeyPrefix + clientId;
        }

        return AnonymousKey;
    }

    private static string? OAuthClientId(EmulatorRequest request)
    {
        if (string.Equals(request.AuthorizationScheme, "Basic", StringComparison.OrdinalIgnoreCase)
            && request.AuthorizationParameter is { } parameter)
        {
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(parameter));
                var colon = decoded.IndexOf(':', StringComparison.Ordinal);
                return colon > 0 ? Uri.UnescapeDataString(decoded[..colon].Replace('+', ' ')) : null;
            }
            catch (FormatException)
            {
                return null;
            }
        }

        return request.Query("client_id")
            ?? (request.Body.Length > 0 ? request.Form("client_id") : null);
    }

    private static EmulatorResponse Fail(int status, string message)
        => new() { Status = status, Body = ErrorBodies.Standard(message) };

}
