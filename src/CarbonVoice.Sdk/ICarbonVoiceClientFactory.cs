namespace CarbonVoice.Sdk;

/// <summary>Creates clients bound to a connection (a BDE connector id) whose tokens live in the <see cref="ITokenStore"/>.</summary>
public interface ICarbonVoiceClientFactory
{
    /// <summary>Creates a client for a connection. Clients are cheap; create one per unit of work.</summary>
    /// <param name="connectionId">The connection id.</param>
    ICarbonVoiceClient CreateClient(string connectionId);
}
