using CarbonVoice.Sdk.Internal;

namespace CarbonVoice.Sdk;

/// <summary>The default <see cref="IUsersClient"/>. Members are virtual so tests can override them.</summary>
public class UsersClient : IUsersClient
{
    private readonly CarbonVoiceConnection _connection;

    /// <summary>For mocking.</summary>
    protected UsersClient()
    {
        _connection = null!;
    }

    internal UsersClient(CarbonVoiceConnection connection) => _connection = connection;

    /// <inheritdoc />
    public virtual Task<User> WhoAmIAsync(CancellationToken cancellationToken = default)
        => _connection.GetAsync("GET /whoami", PathBuilder.Format("whoami"), CarbonVoiceJsonContext.Default.User, cancellationToken, wrapper: "user");

    /// <inheritdoc />
    public virtual async Task<IReadOnlyList<Contact>> ListContactsAsync(IReadOnlyCollection<string>? userIds = null, CancellationToken cancellationToken = default)
    {
        const string endpoint = "POST /contacts";
        if (userIds is null)
        {
            return (await _connection.SendAsync(HttpMethod.Post, endpoint, PathBuilder.Format("contacts"), null, CarbonVoiceJsonContext.Default.ApiListContact, idempotent: true, cancellationToken).ConfigureAwait(false)).Items;
        }

        var ids = userIds.Where(id => !string.IsNullOrWhiteSpace(id)).Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count == 0)
        {
            return [];
        }

        return (await _connection.PostAsync(endpoint, PathBuilder.Format("contacts"), new ContactsBody(ids), CarbonVoiceJsonContext.Default.ContactsBody, CarbonVoiceJsonContext.Default.ApiListContact, idempotent: true, cancellationToken).ConfigureAwait(false)).Items;
    }

    /// <inheritdoc />
    public virtual async Task<IReadOnlyList<Contact>> ListAsync(CancellationToken cancellationToken = default)
        => (await _connection.GetAsync("GET /users", PathBuilder.Format("users"), CarbonVoiceJsonContext.Default.ApiListContact, cancellationToken).ConfigureAwait(false)).Items;

    /// <inheritdoc />
    public virtual async Task<IReadOnlyList<UserLastSeen>> ListLastSeenAsync(CancellationToken cancellationToken = default)
        => (await _connection.GetAsync("GET /users/last-seen", PathBuilder.Format("users/last-seen"), CarbonVoiceJsonContext.Default.ApiListUserLastSeen, cancellationToken).ConfigureAwait(false)).Items;
}
