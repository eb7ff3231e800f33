namespace CarbonVoice.Sdk;

/// <summary>
/// The service could not decode the cursor it was given (HTTP 400 <c>Invalid cursor</c>), for example a cursor persisted
/// long ago or from another list. Drop the stored cursor and start the list again from a date
/// (<see cref="MessageFeedOptions.Since"/>); any other failure keeps the stored cursor valid.
/// </summary>
public class CarbonVoiceInvalidCursorException : CarbonVoiceValidationException
{
    /// <summary>Creates the exception with a message.</summary>
    public CarbonVoiceInvalidCursorException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    public CarbonVoiceInvalidCursorException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception describing a failed API response.</summary>
    public CarbonVoiceInvalidCursorException(string message, CarbonVoiceErrorDetails details, Exception? innerException = null)
        : base(message, details, innerException)
    {
    }
}
