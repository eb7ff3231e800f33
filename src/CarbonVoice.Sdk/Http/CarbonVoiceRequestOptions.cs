namespace CarbonVoice.Sdk.Internal;

/// <summary>Per-request values the handlers read from <see cref="HttpRequestMessage.Options"/>.</summary>
internal static class CarbonVoiceRequestOptions
{
    /// <summary>The connection (BDE connector id) whose token authenticates the request.</summary>
    public static readonly HttpRequestOptionsKey<string> ConnectionId = new("CarbonVoice.ConnectionId");

    /// <summary>The route template, e.g. <c>GET /v5/messages/{id}</c>, for telemetry and errors.</summary>
    public static readonly HttpRequestOptionsKey<string> Endpoint = new("CarbonVoice.Endpoint");

    /// <summary>Whether the request may be retried after a transient fault (reads, including read-only POSTs).</summary>
    public static readonly HttpRequestOptionsKey<bool> Idempotent = new("CarbonVoice.Idempotent");

    /// <summary>When set, the request is sent without credentials (OAuth token endpoint, metadata).</summary>
    public static readonly HttpRequestOptionsKey<bool> Anonymous = new("CarbonVoice.Anonymous");

    /// <summary>
    /// Set on a request to a host that is not Carbon Voice (a signed download URL): no credential is attached (set
    /// <see cref="Anonymous"/> too) and no rate-limit state is read or recorded for it.
    /// </summary>
    public static readonly HttpRequestOptionsKey<bool> External = new("CarbonVoice.External");

    /// <summary>When set, a response body longer than this many bytes is not read: the request fails with <see cref="ResponseTooLargeException"/>.</summary>
    public static readonly HttpRequestOptionsKey<long> MaxResponseBytes = new("CarbonVoice.MaxResponseBytes");

    /// <summary>The time left of the call's budget (<see cref="CarbonVoiceOptions.Timeout"/>), set by the rate-limit handler.</summary>
    public static readonly HttpRequestOptionsKey<Func<TimeSpan>> RemainingBudget = new("CarbonVoice.RemainingBudget");

    public static string GetConnectionId(HttpRequestMessage request)
        => request.Options.TryGetValue(ConnectionId, out var id) ? id : CarbonVoiceClient.DefaultConnectionId;

    public static string GetEndpoint(HttpRequestMessage request)
        => request.Options.TryGetValue(Endpoint, out var endpoint) ? endpoint : $"{request.Method} {request.RequestUri?.AbsolutePath}";

    public static bool IsExternal(HttpRequestMessage request)
        => request.Options.TryGetValue(External, out var external) && external;

    public static bool IsIdempotent(HttpRequestMessage request)
    {
        if (request.Options.TryGetValue(Idempotent, out var idempotent))
        {
            return idempotent;
        }

        return request.Method == HttpMethod.Get || request.Method == HttpMethod.Head || request.Method == HttpMethod.Options
            || request.Method == HttpMethod.Put || request.Method == HttpMethod.Delete;
    }
}
