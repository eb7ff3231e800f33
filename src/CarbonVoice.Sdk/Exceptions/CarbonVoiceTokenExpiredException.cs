namespace CarbonVoice.Sdk;

/// <summary>
/// The refresh token was refused (<c>invalid_grant</c>) or is missing: the connection can no longer obtain
/// access tokens and the user must authorize again. Hosts mark the connector "expired" on this error.
/// </summary>
public class CarbonVoiceTokenExpiredException : CarbonVoiceAuthenticationException
{
    /// <summary>Creates the exception for a connection.</summary>
    public CarbonVoiceTokenExpiredException(string message, string? connectionId = null, CarbonVoiceErrorDetails? details = null)
        : base(message, details ?? new CarbonVoiceErrorDetails(null, null))
    {
        ConnectionId = connectionId;
    }

    /// <summary>The connection whose token expired, when known.</summary>
    public string? ConnectionId { get; }
}
