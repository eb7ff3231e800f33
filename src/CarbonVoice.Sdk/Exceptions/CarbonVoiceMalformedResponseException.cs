namespace CarbonVoice.Sdk;

/// <summary>The service answered with a body the SDK could not read: malformed or truncated JSON, an HTML page or an empty body where JSON was expected.</summary>
public class CarbonVoiceMalformedResponseException : CarbonVoiceException
{
    /// <summary>Creates the exception with a message.</summary>
    public CarbonVoiceMalformedResponseException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    public CarbonVoiceMalformedResponseException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception describing a failed API response.</summary>
    public CarbonVoiceMalformedResponseException(string message, CarbonVoiceErrorDetails details, Exception? innerException = null)
        : base(message, details, innerException)
    {
    }
}
