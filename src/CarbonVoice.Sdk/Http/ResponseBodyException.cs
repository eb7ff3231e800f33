using System.Net;

namespace CarbonVoice.Sdk.Internal;

/// <summary>
/// The service answered (status and headers arrived) but its body could not be read to the end: the connection was
/// reset or closed mid-body. An <see cref="HttpRequestException"/>, so the resilience pipeline retries it like any
/// transport error (idempotent requests only).
/// </summary>
internal sealed class ResponseBodyException : HttpRequestException
{
    public ResponseBodyException(HttpStatusCode status, Exception innerException)
        : base(HttpRequestError.ResponseEnded, $"answered {(int)status} but the connection failed before its body was read: {innerException.GetBaseException().Message}", innerException, status)
    {
    }
}
