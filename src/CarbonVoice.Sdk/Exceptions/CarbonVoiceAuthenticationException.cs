namespace CarbonVoice.Sdk;

/// <summary>The request was not authenticated: a missing, invalid, expired or revoked credential (HTTP 401), or no token is available for the connection.</summary>
public class CarbonVoiceAuthenticationException : CarbonVoiceException
{
    /// <summary>Creates the exception with a message.</summary>
    public CarbonVoiceAuthenticationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    public CarbonVoiceAuthenticationException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception describing a failed API response.</summary>
    public CarbonVoiceAuthenticationException(string message, CarbonVoiceErrorDetails details, Exception? innerException = null)
        : base(message, details, innerException)
    {
    }
}
