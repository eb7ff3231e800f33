namespace CarbonVoice.Sdk;

/// <summary>A webhook body that is not a usable Carbon Voice payload; <see cref="Field"/> names the part that is wrong, when one is.</summary>
public sealed class CarbonVoiceWebhookPayloadException : CarbonVoiceMalformedResponseException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">Why the payload is unusable.</param>
    /// <param name="field">The JSON field at fault (for example <c>subscribedUserIds</c>), or null when the body as a whole is.</param>
    /// <param name="innerException">The parser's error, if any.</param>
    public CarbonVoiceWebhookPayloadException(string message, string? field = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Field = field;
    }

    /// <summary>The JSON field at fault (its first path segment, for example <c>subscribedUserIds</c> or <c>data</c>), or null.</summary>
    public string? Field { get; }
}
