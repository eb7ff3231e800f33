namespace CarbonVoice.Sdk;

/// <summary>The request never got an HTTP response: a connection error or a timeout, after any allowed retries.</summary>
public class CarbonVoiceTransportException : CarbonVoiceException
{
    /// <summary>Creates the exception with a message.</summary>
    public CarbonVoiceTransportException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    public CarbonVoiceTransportException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception describing a failed API response.</summary>
    public CarbonVoiceTransportException(string message, CarbonVoiceErrorDetails details, Exception? innerException = null)
        : base(message, details, innerException)
    {
    }
}
