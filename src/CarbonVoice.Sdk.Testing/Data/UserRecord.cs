namespace CarbonVoice.Sdk.Testing;

internal sealed class UserRecord
{
    public required int Index { get; init; }
    public required string Id { get; init; }
    public required string FirstName { get; init; }
    public required string LastName { get; init; }
    public required string Email { get; init; }
    public required string ImageUrl { get; init; }
    public required string Language { get; init; }
    public required string VoiceGender { get; init; }
    public required long CreatedMs { get; init; }
    public long LastSeenMs { get; set; }

    /// <summary>For a bot account, the user who created (owns) it: <c>/whoami</c>'s <c>created_by</c>.</summary>
    public UserRecord? CreatedBy { get; set; }

    public bool IsBot => CreatedBy is not null;
    public List<WorkspaceRecord> Workspaces { get; } = [];
}
