namespace CarbonVoice.Sdk.Testing;

/// <summary>
/// A message share link. A <c>forward</c> link stands behind a forwarded message: the wrapper (<see cref="Wrapper"/>)
/// carries its id as <c>share_link_id</c> and only the forwarder's comment; the original is <see cref="SharedMessage"/>.
/// </summary>
internal sealed class ShareLinkRecord
{
    public required string Id { get; init; }
    public required MessageRecord SharedMessage { get; init; }
    public required UserRecord Creator { get; init; }

    /// <summary><c>link</c> or <c>forward</c>.</summary>
    public required string ShareType { get; init; }

    /// <summary><c>public</c>, <c>specified</c> or <c>forward</c>.</summary>
    public required string AccessType { get; init; }

    public required long CreatedMs { get; init; }

    /// <summary>When access ends (0: never).</summary>
    public long EndAccessMs { get; init; }

    /// <summary>When the link was revoked (0: not revoked).</summary>
    public long RevokedMs { get; set; }

    /// <summary>The forwarded message that carries this link's id, for a forward.</summary>
    public MessageRecord? Wrapper { get; init; }

    /// <summary>Who may open a <c>specified</c> link: (type, ids) with type <c>user</c>, <c>channel</c>, <c>workspace</c> or <c>workspace_group</c>.</summary>
    public List<(string Type, List<string> Ids)> SpecifiedAccess { get; init; } = [];

    public bool IsRevoked => RevokedMs != 0;

    public bool IsExpired(long nowMs) => EndAccessMs != 0 && EndAccessMs <= nowMs;

    /// <summary>Whether the user may open the link (revocation and expiry aside).</summary>
    public bool AllowsAccess(UserRecord user)
    {
        if (ReferenceEquals(user, Creator))
        {
            return true;
        }

        return AccessType switch
        {
            "public" => true,
            "forward" => Wrapper is { } wrapper && DataStore.CanRead(user, wrapper.Conversation),
            "specified" => SpecifiedAccess.Any(entry => Matches(entry.Type, entry.Ids, user)),
            _ => false,
        };
    }

    private bool Matches(string type, List<string> ids, UserRecord user) => type switch
    {
        "user" => ids.Contains(user.Id, StringComparer.Ordinal),
        "channel" => ids.Contains(SharedMessage.Conversation.Id, StringComparer.Ordinal) && SharedMessage.Conversation.IsCollaborator(user),
        "workspace" or "workspace_group" => user.Workspaces.Any(w => ids.Contains(w.Id, StringComparer.Ordinal)),
        _ => false,
    };
}
