namespace CarbonVoice.Sdk.Internal;

/// <summary>A response body exceeded the request's <see cref="CarbonVoiceRequestOptions.MaxResponseBytes"/>; not retried (it is no transport error).</summary>
internal sealed class ResponseTooLargeException : Exception
{
    public ResponseTooLargeException(long maxBytes, long? contentLength)
        : base(contentLength is { } length
            ? $"announced {length} bytes, more than the limit of {maxBytes}"
            : $"sent more than the limit of {maxBytes} bytes")
    {
        MaxBytes = maxBytes;
        ContentLength = contentLength;
    }

    public long MaxBytes { get; }

    public long? ContentLength { get; }
}
