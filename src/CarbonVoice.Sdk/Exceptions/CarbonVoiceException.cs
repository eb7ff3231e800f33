using System.Net;

namespace CarbonVoice.Sdk;

/// <summary>
/// The root of every error the SDK throws. API errors carry the HTTP status, the Carbon Voice
/// <c>requestId</c> and <c>errmsg</c> of the error body and a bounded, redacted excerpt of the raw body.
/// </summary>
public class CarbonVoiceException : Exception
{
    /// <summary>Creates an exception with a message.</summary>
    public CarbonVoiceException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and the error that caused it.</summary>
    public CarbonVoiceException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception describing a failed API response.</summary>
    public CarbonVoiceException(string message, CarbonVoiceErrorDetails details, Exception? innerException = null)
        : base(message, innerException)
    {
        ArgumentNullException.ThrowIfNull(details);
        StatusCode = details.StatusCode;
        RequestId = details.RequestId;
        ErrorMessage = details.ErrorMessage;
        ErrorCode = details.ErrorCode;
        Endpoint = details.Endpoint;
        ResponseBodyExcerpt = details.ResponseBodyExcerpt;
    }

    /// <summary>The HTTP status code of the response, when there was one.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>The <c>requestId</c> the service returned, for support requests.</summary>
    public string? RequestId { get; }

    /// <summary>The service's own error text (<c>errmsg</c>, <c>message</c> or <c>error_description</c>).</summary>
    public string? ErrorMessage { get; }

    /// <summary>A machine-readable error code when the service sent one (for example OAuth's <c>invalid_grant</c>).</summary>
    public string? ErrorCode { get; }

    /// <summary>The endpoint that failed, as <c>METHOD /route/template</c>.</summary>
    public string? Endpoint { get; }

    /// <summary>The first characters of the response body, with credentials redacted.</summary>
    public string? ResponseBodyExcerpt { get; }
}
