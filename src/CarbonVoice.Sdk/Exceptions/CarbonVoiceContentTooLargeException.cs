namespace CarbonVoice.Sdk;

/// <summary>A download was larger than the limit it was given; nothing past the limit was read.</summary>
public class CarbonVoiceContentTooLargeException : CarbonVoiceException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="maxBytes">The limit.</param>
    /// <param name="contentLength">The size the server announced, when it announced one.</param>
    public CarbonVoiceContentTooLargeException(string message, long maxBytes, long? contentLength)
        : base(message)
    {
        MaxBytes = maxBytes;
        ContentLength = contentLength;
    }

    /// <summary>The limit, in bytes.</summary>
    public long MaxBytes { get; }

    /// <summary>The size the server announced (<c>Content-Length</c>), when it announced one.</summary>
    public long? ContentLength { get; }
}
