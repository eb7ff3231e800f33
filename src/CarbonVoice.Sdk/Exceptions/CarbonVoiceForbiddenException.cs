namespace CarbonVoice.Sdk;

/// <summary>The credential is valid but may not see the resource (HTTP 403), for example another user's workspace.</summary>
public class CarbonVoiceForbiddenException : CarbonVoiceException
{
    /// <summary>Creates the exception with a message.</summary>
    public CarbonVoiceForbiddenException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    public CarbonVoiceForbiddenException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception describing a failed API response.</summary>
    public CarbonVoiceForbiddenException(string message, CarbonVoiceErrorDetails details, Exception? innerException = null)
        : base(message, details, innerException)
    {
    }
}
