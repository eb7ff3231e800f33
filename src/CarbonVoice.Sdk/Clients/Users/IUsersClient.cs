namespace CarbonVoice.Sdk;

/// <summary>Users: the signed-in user and the people they can reach.</summary>
public interface IUsersClient
{
    /// <summary>Reads the signed-in user (<c>GET /whoami</c>, confirmed; the <c>{"success": true, "user": {...}}</c> wrapper is removed).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<User> WhoAmIAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Lists the user's contacts, or reads some users by id (<c>POST /contacts</c>, confirmed; not paged): without ids the
    /// service returns every contact of the caller, with ids those users (unknown ids are absent). This is the confirmed
    /// way to look users up: <c>GET /v3/users/{id}</c> answers 404 for every id on the real service.
    /// </summary>
    /// <param name="userIds">The users to read, or null for all of the caller's contacts. Blank and repeated ids are dropped; an empty collection returns an empty list without a request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<IReadOnlyList<Contact>> ListContactsAsync(IReadOnlyCollection<string>? userIds = null, CancellationToken cancellationToken = default);

    /// <summary>Lists the user's contacts (<c>GET /users</c>, listed by the integration guide only; not paged). Prefer <see cref="ListContactsAsync"/>, which is confirmed.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<IReadOnlyList<Contact>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Lists when the user's contacts were last seen (<c>GET /users/last-seen</c>, listed by the integration guide only; not paged).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<IReadOnlyList<UserLastSeen>> ListLastSeenAsync(CancellationToken cancellationToken = default);
}
