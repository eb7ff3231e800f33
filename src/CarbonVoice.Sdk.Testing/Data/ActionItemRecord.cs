namespace CarbonVoice.Sdk.Testing;

internal sealed class ActionItemRecord
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public string? NotesText { get; init; }
    public required string Status { get; set; }
    public required UserRecord Creator { get; init; }
    public UserRecord? AssignedTo { get; init; }
    public required WorkspaceRecord Workspace { get; init; }
    public required string ContainerType { get; init; }
    public required string ContainerId { get; init; }
    public string? SourceMessageId { get; init; }
    public string? DueDate { get; init; }
    public required long CreatedMs { get; init; }
    public long UpdatedMs { get; set; }
    public long DeletedMs { get; set; }
}
