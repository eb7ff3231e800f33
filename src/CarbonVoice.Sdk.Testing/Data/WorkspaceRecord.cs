namespace CarbonVoice.Sdk.Testing;

internal sealed class WorkspaceRecord
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Description { get; init; }
    public required string Type { get; init; }
    public required UserRecord Owner { get; init; }
    public required long CreatedMs { get; init; }
    public long UpdatedMs { get; set; }
    public string PlanType { get; init; } = "business";

    /// <summary>Members with their role (owner, admin, member, guest).</summary>
    public List<(UserRecord User, string Role)> Members { get; } = [];
    public List<ConversationRecord> Conversations { get; } = [];

    public bool IsMember(UserRecord user)
    {
        foreach (var (member, _) in Members)
        {
            if (ReferenceEquals(member, user))
            {
                return true;
            }
        }

        return false;
    }

    public string? RoleOf(UserRecord user)
    {
        foreach (var (member, role) in Members)
        {
            if (ReferenceEquals(member, user))
            {
                return role;
            }
        }

        return null;
    }
}
