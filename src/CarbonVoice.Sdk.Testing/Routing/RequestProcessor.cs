namespace CarbonVoice.Sdk.Testing;

/// <summary>The transport-neutral core: faults, routing, authentication, rate limits, endpoint, logging.</summary>
internal sealed class RequestProcessor
{
    private static readonly byte[] HtmlBadGateway = "<html>502 Bad Gateway</html>"u8.ToArray();
    private static readonly byte[] Malformed = "{\"success\": true, \"results\": [{\"id\": \"x\",, }"u8.ToArray();
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
        var fault = control ? default : _emulator.Faults.Next();
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

                break;
        }

        if (!control)
        {
            _emulator.RequestLog.Add(new EmulatorRequestLog(
                DateTimeOffset.FromUnixTimeMilliseconds(nowMs), request.Method, request.PathAndQuery, response.Status, authKind, fault.Kind));
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

    private static EmulatorResponse Fail(int status, string message)
        => new() { Status = status, Body = ErrorBodies.Standard(message) };

}
