namespace CarbonVoice.Sdk;

/// <summary>The latest rate-limit values the service reported, per connection (credential).</summary>
public interface IRateLimitState
{
    /// <summary>The latest values seen for a connection, or null before any response with rate-limit headers.</summary>
    /// <param name="connectionId">The connection id (<see cref="CarbonVoiceClient.DefaultConnectionId"/> for PAT and API-key modes).</param>
    RateLimitInfo? Get(string connectionId);
}
