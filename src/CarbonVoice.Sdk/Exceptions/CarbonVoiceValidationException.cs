namespace CarbonVoice.Sdk;

/// <summary>The service rejected the request as invalid (HTTP 400 or 422).</summary>
public class CarbonVoiceValidationException : CarbonVoiceException
{
    /// <summary>Creates the exception with a message.</summary>
    public CarbonVoiceValidationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    public CarbonVoiceValidationException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception describing a failed API response.</summary>
    public CarbonVoiceValidationException(string message, CarbonVoiceErrorDetails details, Exception? innerException = null)
        : base(message, details, innerException)
    {
    }
}
