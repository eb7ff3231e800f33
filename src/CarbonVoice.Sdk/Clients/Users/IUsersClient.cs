namespace CarbonVoice.Sdk;

/// <summary>Users: the signed-in user and the people they can reach.</summary>
public interface IUsersClient
{
    /// <summary>Reads the signed-in user (<c>GET /whoami</c>; the <c>{"success": true, "user": {...}}</c> wrapper is removed).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<User> WhoAmIAsync(CancellationToken cancellationToken = default);

    /// <summary>Lists the user's contacts (<c>GET /users</c>, not paged).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<IReadOnlyList<Contact>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Lists when the user's contacts were last seen (<c>GET /users/last-seen</c>, not paged).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<IReadOnlyList<UserLastSeen>> ListLastSeenAsync(CancellationToken cancellationToken = default);
}
