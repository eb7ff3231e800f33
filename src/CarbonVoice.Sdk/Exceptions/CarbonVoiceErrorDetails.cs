using System.Net;

namespace CarbonVoice.Sdk;

/// <summary>What is known about a failed call: used to build a <see cref="CarbonVoiceException"/>.</summary>
/// <param name="StatusCode">The HTTP status code, when a response arrived.</param>
/// <param name="Endpoint">The endpoint as <c>METHOD /route/template</c>.</param>
/// <param name="RequestId">The service's request id.</param>
/// <param name="ErrorMessage">The service's error text.</param>
/// <param name="ErrorCode">A machine-readable error code.</param>
/// <param name="ResponseBodyExcerpt">A bounded, redacted excerpt of the body.</param>
public sealed record CarbonVoiceErrorDetails(
    HttpStatusCode? StatusCode,
    string? Endpoint,
    string? RequestId = null,
    string? ErrorMessage = null,
    string? ErrorCode = null,
    string? ResponseBodyExcerpt = null);
